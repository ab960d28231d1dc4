/**
 * Connection quality per stream from getStats() counters: the share of packets lost since the last sample, and the
 * round-trip time. The thresholds follow what WebRTC apps commonly show (LiveKit grades excellent/good/poor on loss
 * and jitter; Jitsi on loss, RTT and bitrate): under 2 % loss and 300 ms is good, under 8 % and 600 ms fair.
 */
export type Quality = 'good' | 'fair' | 'poor' | 'unknown';

export function gradeQuality(lossFraction: number | undefined, roundTripTimeMs: number | undefined): Quality {
  if (lossFraction === undefined && roundTripTimeMs === undefined) {
    return 'unknown';
  }
  const loss = lossFraction ?? 0;
  const rtt = roundTripTimeMs ?? 0;
  if (loss < 0.02 && rtt < 300) {
    return 'good';
  }
  if (loss < 0.08 && rtt < 600) {
    return 'fair';
  }
  return 'poor';
}

export const QUALITY_LABEL: Record<Quality, string> = {
  good: 'Connection good',
  fair: 'Connection fair',
  poor: 'Connection poor',
  unknown: 'Connection quality unknown',
};

type Counters = { packetsLost: number; packetsReceived: number };

/** Turns cumulative counters into a loss fraction between two samples. */
export class LossTracker {
  private readonly last = new Map<string, Counters>();

  lossFraction(key: string, now: Counters): number | undefined {
    const before = this.last.get(key);
    this.last.set(key, { packetsLost: now.packetsLost, packetsReceived: now.packetsReceived });
    if (!before) {
      return undefined;
    }
    const lost = Math.max(0, now.packetsLost - before.packetsLost);
    const received = Math.max(0, now.packetsReceived - before.packetsReceived);
    if (lost + received === 0) {
      return undefined;
    }
    return lost / (lost + received);
  }

  forget(key: string): void {
    this.last.delete(key);
  }
}
