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
  /** Bytes received for the video, its RTP headers and padding included: what the downlink carried for it. */
  bytesReceived: number;
  frameWidth: number;
  frameHeight: number;
  /** Milliseconds from the subscribe request to the first frame shown, or -1 before it. */
  firstFrameDelayMs: number;
  /** The selected candidate pair's transport on this end ('udp' or 'tcp'), or '' before one is selected. */
  transport: string;
  /** RTCP sender reports received for the link's audio and video (remote-outbound-rtp reportsSent). */
  senderReports: { audio: number; video: number };
  /** The video's losses as the receiver counts them, and the packets that came on its RTX stream. */
  packetsLost: number;
  retransmittedPacketsReceived: number;
  /** Video freezes the receiver counted (W3C freezeCount), and their total length in seconds. */
  freezeCount: number;
  totalFreezesDuration: number;
};

export type OutboundVideo = {
  streamId: string;
  videoType: string;
  framesEncoded: number;
  bytesSent: number;
  /** What the browser's congestion controller lets the encoder use, in bits per second. */
  targetBitrate: number;
  /** The browser's estimate of its uplink (selected candidate pair), in bits per second; 0 before it has one. */
  availableOutgoingBitrate: number;
  /** Frames encoded per simulcast layer (its rid; '' for a camera sent without layers). */
  framesEncodedByLayer: Record<string, number>;
};

export type ParleyDiagnostics = {
  inboundVideo(): Promise<InboundVideo[]>;
  outboundVideo(): Promise<OutboundVideo[]>;
  /** The levels the audio receivers know by themselves (remote stream id -> 0..1), without a statistics report. */
  receiverAudioLevels(): Record<string, number>;
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

/** The received video of one link: frames decoded, the last frame's size, the path and the sender reports. */
export function inboundVideoOf(report: RTCStatsReport): Omit<InboundVideo, 'streamId' | 'name' | 'videoType' | 'firstFrameDelayMs'> {
  const result = { framesDecoded: 0, bytesReceived: 0, frameWidth: 0, frameHeight: 0, transport: selectedTransportOf(report),
    senderReports: senderReportsOf(report), packetsLost: 0, retransmittedPacketsReceived: 0, freezeCount: 0,
    totalFreezesDuration: 0 };
  for (const stat of videoStats(report, 'inbound-rtp')) {
    result.packetsLost += count(stat.packetsLost);
    result.retransmittedPacketsReceived += count(stat.retransmittedPacketsReceived);
    result.freezeCount += count(stat.freezeCount);
    result.totalFreezesDuration += count(stat.totalFreezesDuration);
    result.framesDecoded += count(stat.framesDecoded);
    result.bytesReceived += count(stat.bytesReceived) + count(stat.headerBytesReceived);
    result.frameWidth = Math.max(result.frameWidth, count(stat.frameWidth));
    result.frameHeight = Math.max(result.frameHeight, count(stat.frameHeight));
  }
  return result;
}

/** The protocol of the local candidate of the link's selected candidate pair: how its media travels. */
export function selectedTransportOf(report: RTCStatsReport): string {
  let pairId: unknown;
  report.forEach((stat: Stat) => {
    if (stat.type === 'transport' && typeof stat.selectedCandidatePairId === 'string') {
      pairId = stat.selectedCandidatePairId;
    }
  });
  const pair = typeof pairId === 'string' ? (report.get(pairId) as Stat | undefined) : undefined;
  const local = typeof pair?.localCandidateId === 'string' ? (report.get(pair.localCandidateId) as Stat | undefined) : undefined;
  return typeof local?.protocol === 'string' ? local.protocol : '';
}

/** How many RTCP sender reports arrived per kind: what a receiver lines audio and video up with. */
export function senderReportsOf(report: RTCStatsReport): { audio: number; video: number } {
  const result = { audio: 0, video: 0 };
  report.forEach((stat: Stat) => {
    const kind = stat.kind ?? stat.mediaType;
    if (stat.type === 'remote-outbound-rtp' && (kind === 'audio' || kind === 'video')) {
      result[kind] += count(stat.reportsSent);
    }
  });
  return result;
}

/** The sent video of one link (all its encodings). */
export function outboundVideoOf(report: RTCStatsReport):
  Pick<OutboundVideo, 'framesEncoded' | 'bytesSent' | 'targetBitrate' | 'availableOutgoingBitrate' | 'framesEncodedByLayer'> {
  const result = { framesEncoded: 0, bytesSent: 0, targetBitrate: 0, availableOutgoingBitrate: 0,
    framesEncodedByLayer: {} as Record<string, number> };
  for (const stat of videoStats(report, 'outbound-rtp')) {
    result.framesEncoded += count(stat.framesEncoded);
    const rid = typeof stat.rid === 'string' ? stat.rid : '';
    result.framesEncodedByLayer[rid] = (result.framesEncodedByLayer[rid] ?? 0) + count(stat.framesEncoded);
    result.bytesSent += count(stat.bytesSent);
    result.targetBitrate += count(stat.targetBitrate);
  }
  report.forEach((stat: Stat) => {
    if (stat.type === 'candidate-pair' && stat.nominated === true) {
      result.availableOutgoingBitrate = Math.max(result.availableOutgoingBitrate, count(stat.availableOutgoingBitrate));
    }
  });
  return result;
}

export function installDiagnostics(diagnostics: ParleyDiagnostics): void {
  if (typeof window !== 'undefined') {
    window.parleyDiagnostics = diagnostics;
  }
}

/** What one link's statistics say about its audio and connection: the level, losses and round trip. */
export type LinkStats = {
  /** 0..1: the received audio's level (subscriber end), or the microphone's (publisher end). */
  audioLevel?: number;
  /** Running totals of the same audio (W3C totalAudioEnergy, totalSamplesDuration), for a level over an interval. */
  audioEnergy?: AudioEnergy;
  packetsLost: number;
  packetsReceived: number;
  roundTripTimeMs?: number;
  /** Publisher end: the share of what this end sent that the far end lost lately (RTCP fraction lost). */
  fractionLost?: number;
};

export type AudioEnergy = { energy: number; seconds: number };

/**
 * The RMS level (0..1) of the audio between two readings of the running totals: unlike a level read at one moment,
 * it misses no sound that was short (a word, a click) between the readings. Undefined when no audio was counted.
 */
export function levelBetween(before: AudioEnergy | undefined, now: AudioEnergy): number | undefined {
  const energy = now.energy - (before?.energy ?? 0);
  const seconds = now.seconds - (before?.seconds ?? 0);
  return seconds > 0 && energy >= 0 ? Math.min(1, Math.sqrt(energy / seconds)) : undefined;
}

const energyOf = (stat: Stat): AudioEnergy | undefined =>
  typeof stat.totalAudioEnergy === 'number' && typeof stat.totalSamplesDuration === 'number'
    ? { energy: stat.totalAudioEnergy, seconds: stat.totalSamplesDuration } : undefined;

/** Reads LinkStats from one peer connection's report (inbound for a subscriber, media-source/remote-inbound for a publisher). */
export function linkStatsOf(report: RTCStatsReport): LinkStats {
  const result: LinkStats = { packetsLost: 0, packetsReceived: 0 };
  let pairRtt: number | undefined;
  let reportedRtt: number | undefined;
  report.forEach((stat: Stat) => {
    const kind = stat.kind ?? stat.mediaType;
    if (stat.type === 'inbound-rtp') {
      result.packetsLost += count(stat.packetsLost);
      result.packetsReceived += count(stat.packetsReceived);
      if (kind === 'audio' && typeof stat.audioLevel === 'number') {
        result.audioLevel = stat.audioLevel;
        result.audioEnergy = energyOf(stat) ?? result.audioEnergy;
      }
    } else if (stat.type === 'media-source' && kind === 'audio' && typeof stat.audioLevel === 'number') {
      result.audioLevel = stat.audioLevel;
      result.audioEnergy = energyOf(stat) ?? result.audioEnergy;
    } else if (stat.type === 'remote-inbound-rtp') {
      // What the far end reports of what this end sent.
      result.packetsLost += Math.max(0, count(stat.packetsLost));
      if (typeof stat.roundTripTime === 'number') {
        reportedRtt = stat.roundTripTime * 1000;
      }
      if (typeof stat.fractionLost === 'number') {
        result.fractionLost = Math.max(result.fractionLost ?? 0, stat.fractionLost);
      }
    } else if (stat.type === 'candidate-pair' && stat.nominated === true && typeof stat.currentRoundTripTime === 'number') {
      pairRtt = stat.currentRoundTripTime * 1000;
    }
  });
  // ICE consent checks measure the path itself; RTCP round trips depend on the far end's report timing.
  const rtt = pairRtt ?? reportedRtt;
  if (rtt !== undefined) {
    result.roundTripTimeMs = rtt;
  }
  return result;
}
