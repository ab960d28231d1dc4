package io.parley.embedded.media.rtp;

import java.util.Arrays;

/**
 * Finds the packets a publisher's stream lost on its way to the router, so the router can NACK them (RFC 4585 §6.2.1)
 * before any subscriber notices. Every subscriber is then served from the router's {@link RetransmissionBuffer}.
 *
 * <p>Bounded on purpose: a gap wider than {@code maxGap} is not NACKed at all (the publisher restarted, or so much was
 * lost that a key frame is cheaper than hundreds of retransmissions; {@link #onPacket} says so and the caller sends a PLI).
 * Each missing packet is NACKed at most {@code maxNacks} times, a retry interval apart, and stays awaited after the
 * last NACK until it arrives or falls out of the window of recent sequence numbers: the answer to the last NACK is
 * still a round trip away, and {@link #isMissing} tells a repair from a duplicate. The retry interval follows the
 * repairs: one and a half times the smoothed time from a packet's first NACK to its arrival (about a round trip),
 * never below {@code minIntervalNanos} nor above {@link #MAX_RETRY_NANOS}; on a 100 ms path three NACKs 40 ms apart
 * were all spent before the first answer could come back. State is a fixed ring indexed by extended sequence number: nothing is allocated per packet.
 * Not thread-safe: one stream's packets are handled by one thread.
 */
public final class LossDetector {

    /** Returned by {@link #onPacket} when the gap is too wide to NACK; the caller should ask for a key frame instead. */
    public static final int GAP_TOO_LARGE = -1;

    private static final long NONE = Long.MIN_VALUE;
    static final long MAX_RETRY_NANOS = 500_000_000L;

    private final int maxGap;
    private final int maxNacks;
    private final long minIntervalNanos;
    private final int window;
    private final long[] missing;
    private final int[] attempts;
    private final long[] lastNackNanos;
    private final long[] firstNackNanos;
    /** Smoothed time from a first NACK to the repair (RFC 6298's 1/8 gain); 0 until a repair was seen. */
    private long repairNanos;
    private boolean started;
    private long highest;
    private int missingCount;

    public LossDetector(int maxGap, int maxNacks, long minIntervalNanos) {
        if (maxGap <= 0 || maxGap > 8192 || maxNacks <= 0 || minIntervalNanos < 0) {
            throw new IllegalArgumentException("maxGap in 1..8192, maxNacks > 0, minIntervalNanos >= 0");
        }
        this.maxGap = maxGap;
        this.maxNacks = maxNacks;
        this.minIntervalNanos = minIntervalNanos;
        // At least twice the widest gap, so a gap never overwrites entries of the previous one still being NACKed.
        this.window = Integer.highestOneBit(maxGap) << 2;
        this.missing = new long[window];
        this.attempts = new int[window];
        this.lastNackNanos = new long[window];
        this.firstNackNanos = new long[window];
        Arrays.fill(missing, NONE);
    }

    /**
     * Records the arrival of packet {@code seq}.
     *
     * @return how many packets became missing because of it, or {@link #GAP_TOO_LARGE}
     */
    public int onPacket(int seq) {
        return onPacket(seq, NONE);
    }

    /** As {@link #onPacket(int)}, at {@code nowNanos}: a repair arriving then tunes the retry interval. */
    public int onPacket(int seq, long nowNanos) {
        int sequence = seq & SequenceNumbers.MASK;
        if (!started) {
            started = true;
            highest = sequence;
            return 0;
        }
        long ext = SequenceNumbers.unwrap(highest, sequence);
        if (ext <= highest) {
            if (highest - ext < window) {
                int i = index(ext);
                if (missing[i] == ext && attempts[i] > 0 && nowNanos != NONE) {
                    long sample = nowNanos - firstNackNanos[i];
                    repairNanos = repairNanos == 0 ? sample : repairNanos + (sample - repairNanos) / 8;
                }
                forget(ext);
            }
            return 0;
        }
        long gap = ext - highest - 1;
        if (gap > maxGap) {
            reset();
            started = true;
            highest = ext;
            return GAP_TOO_LARGE;
        }
        for (long s = highest + 1; s < ext; s++) {
            int i = index(s);
            if (missing[i] == NONE) {
                missingCount++;
            }
            missing[i] = s;
            attempts[i] = 0;
        }
        // The slot of the packet that arrived may still hold a packet one window older, which is now too old to NACK.
        forgetSlot(index(ext));
        highest = ext;
        return (int) gap;
    }

    /**
     * Writes to {@code out} the sequence numbers to NACK now, oldest first, and counts the attempt for each.
     *
     * @return how many were written (at most {@code out.length})
     */
    public int collect(long nowNanos, int[] out) {
        if (out == null || missingCount == 0) {
            return 0;
        }
        int written = 0;
        int seen = 0;
        long retry = retryIntervalNanos();
        for (long s = highest - window + 1; s < highest && written < out.length && seen < missingCount; s++) {
            int i = index(s);
            if (missing[i] != s) {
                continue;
            }
            seen++;
            if (attempts[i] >= maxNacks || attempts[i] > 0 && nowNanos - lastNackNanos[i] < retry) {
                continue;
            }
            out[written++] = (int) (s & SequenceNumbers.MASK);
            if (attempts[i] == 0) {
                firstNackNanos[i] = nowNanos;
            }
            lastNackNanos[i] = nowNanos;
            attempts[i]++;
        }
        return written;
    }

    /** How long a NACKed packet is given before it is NACKed again. */
    public long retryIntervalNanos() {
        return Math.max(minIntervalNanos, Math.min(MAX_RETRY_NANOS, repairNanos + repairNanos / 2));
    }

    /** Packets currently awaited, NACKed as often as allowed or not. */
    public int missingCount() {
        return missingCount;
    }

    /** True while packet {@code seq} is awaited. */
    public boolean isMissing(int seq) {
        if (!started) {
            return false;
        }
        long ext = SequenceNumbers.unwrap(highest, seq & SequenceNumbers.MASK);
        return ext < highest && highest - ext < window && missing[index(ext)] == ext;
    }

    /** Forgets everything, e.g. after the publisher's stream restarted. */
    public void reset() {
        Arrays.fill(missing, NONE);
        missingCount = 0;
        repairNanos = 0;
        started = false;
    }

    private void forget(long ext) {
        int i = index(ext);
        if (missing[i] == ext) {
            forgetSlot(i);
        }
    }

    private void forgetSlot(int i) {
        if (missing[i] != NONE) {
            missing[i] = NONE;
            missingCount--;
        }
    }

    private int index(long ext) {
        return (int) (ext & (window - 1));
    }
}
