/**
 * `window.parleyDiagnostics`: what the browser's WebRTC statistics say about the embedded session's video.
 *
 * It exists for the browser tests: a tile with a <video> element proves nothing about media, so the Playwright tests
 * ask whether frames were actually encoded and decoded (and at what size) on each link. It reads only
 * RTCPeerConnection.getStats(), exposes no credentials, and changes nothing, so it is harmless to leave in the app.
 */

export type InboundVideo = {
  streamId: string;
  name: string;
  videoType: string;
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  /** Milliseconds from the subscribe request to the first frame shown, or -1 before it. */
  firstFrameDelayMs: number;
};

export type OutboundVideo = {
  streamId: string;
  videoType: string;
  framesEncoded: number;
  bytesSent: number;
  /** What the browser's congestion controller lets the encoder use, in bits per second. */
  targetBitrate: number;
};

export type ParleyDiagnostics = {
  inboundVideo(): Promise<InboundVideo[]>;
  outboundVideo(): Promise<OutboundVideo[]>;
  connectionId(): string | undefined;
};

declare global {
  interface Window {
    parleyDiagnostics?: ParleyDiagnostics;
  }
}

type Stat = { type?: string; kind?: string; mediaType?: string; [field: string]: unknown };

function videoStats(report: RTCStatsReport, type: 'inbound-rtp' | 'outbound-rtp'): Stat[] {
  const found: Stat[] = [];
  report.forEach((stat: Stat) => {
    if (stat.type === type && (stat.kind ?? stat.mediaType) === 'video') {
      found.push(stat);
    }
  });
  return found;
}

const count = (value: unknown) => (typeof value === 'number' ? value : 0);

/** The received video of one link: frames decoded and the last frame's size. */
export function inboundVideoOf(report: RTCStatsReport): Pick<InboundVideo, 'framesDecoded' | 'frameWidth' | 'frameHeight'> {
  const result = { framesDecoded: 0, frameWidth: 0, frameHeight: 0 };
  for (const stat of videoStats(report, 'inbound-rtp')) {
    result.framesDecoded += count(stat.framesDecoded);
    result.frameWidth = Math.max(result.frameWidth, count(stat.frameWidth));
    result.frameHeight = Math.max(result.frameHeight, count(stat.frameHeight));
  }
  return result;
}

/** The sent video of one link (all its encodings). */
export function outboundVideoOf(report: RTCStatsReport):
  Pick<OutboundVideo, 'framesEncoded' | 'bytesSent' | 'targetBitrate'> {
  const result = { framesEncoded: 0, bytesSent: 0, targetBitrate: 0 };
  for (const stat of videoStats(report, 'outbound-rtp')) {
    result.framesEncoded += count(stat.framesEncoded);
    result.bytesSent += count(stat.bytesSent);
    result.targetBitrate += count(stat.targetBitrate);
  }
  return result;
}

export function installDiagnostics(diagnostics: ParleyDiagnostics): void {
  if (typeof window !== 'undefined') {
    window.parleyDiagnostics = diagnostics;
  }
}
