package io.parley.embedded.media.router;

/**
 * How long a subscriber's packets wait in queues on their way to it, from its transport-wide feedback
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01): the router numbers every packet it sends on the
 * subscription and remembers when it sent it; the browser reports when each arrived, on its own clock.
 *
 * <p>Arrival minus send time is the one-way delay plus an unknown clock offset; its smallest value over the last
 * {@link #BASELINE_NANOS} is the path with empty queues, so a delay above it is queueing. Each feedback message
 * (Chrome sends one every 50 to 250 ms) counts by its smallest delay: the first packets of a burst wait for nothing,
 * so a key frame that the link drains in time does not look like a queue, while a link carrying less than it is sent
 * holds its queue through every packet. A full downlink shows here a few hundred milliseconds after it filled (see
 * {@link #standing}), before its queue overflows into the losses receiver reports and NACKs tell of. Media thread
 * only.
 */
final class DownlinkQueue {

    /** How long the smallest delay is remembered: in two halves, so that it ages without a sorted window. */
    static final long BASELINE_NANOS = 20_000_000_000L;
    /** A delay further than this from the baseline is a clock that jumped (a wrapped reference time), not a queue. */
    static final long IMPLAUSIBLE_MICROS = 10_000_000L;
    /**
     * Queueing that says a downlink is full: above what jitter and a key frame's burst add on a link with room (a few
     * tens of ms), and well below what a home router's queue holds before it drops (200 ms and more), so that a
     * layer can step down before anything is lost.
     */
    static final long STANDING_QUEUE_NANOS = 60_000_000L;
    /**
     * How long, in the router's sending, packets must keep finding such a queue: longer than a key frame's burst
     * takes to drain, and than a busy receiver takes to read what waited for it (its browser stamps arrivals as it
     * reads them: on two busy cores, reads come late by a hundred ms and more now and then).
     */
    static final long STANDING_NANOS = 250_000_000L;
    /** Queueing that no burst nor late read explains, once packets sent over {@link #FULL_NANOS} found it. */
    static final long FULL_QUEUE_NANOS = 300_000_000L;
    /**
     * Long enough that one packet read late (a stalled receiver: seen at 340 to 480 ms, alone in its message) is not
     * a full queue; short enough that the link's queue has not overflowed yet.
     */
    static final long FULL_NANOS = 100_000_000L;
    private static final int HISTORY = 4096;
    private static final long NONE = Long.MIN_VALUE;

    private final long originNanos;
    private final long[] sentNanos = new long[HISTORY];
    private final int[] sentSequence = new int[HISTORY];
    private int nextSequence;
    private long minimum = Long.MAX_VALUE;
    private long previousMinimum = Long.MAX_VALUE;
    private long halfStartNanos;
    private long queueingMicros;
    /** What the message before the latest showed. */
    private long previousQueueingMicros;
    private long measuredAtNanos;
    /** Since which packet's sending (µs) the messages showed a queue over the limit; {@link #NONE}: the latest did not. */
    private long overSinceMicros = NONE;
    private long overForMicros;
    /** The same for a queue over {@link #FULL_QUEUE_NANOS}. */
    private long fullSinceMicros = NONE;
    private long fullForMicros;
    /** The latest sending (µs) of a packet some message reported arrived; {@link #NONE} before the first. */
    private long reportedThroughMicros = NONE;

    DownlinkQueue(long originNanos) {
        this.originNanos = originNanos;
        this.halfStartNanos = originNanos;
        java.util.Arrays.fill(sentSequence, -1);
    }

    /** The transport-wide sequence number of a packet sent now: the caller writes it into the packet. */
    int sent(long nowNanos) {
        int sequence = nextSequence;
        nextSequence = (nextSequence + 1) & 0xFFFF;
        int slot = sequence & (HISTORY - 1);
        sentSequence[slot] = sequence;
        sentNanos[slot] = nowNanos; // no division on the forwarding path: feedback, rarer, converts
        return sequence;
    }

    /**
     * A feedback message: {@code arrivals[i]} is when packet {@code base + i} arrived (µs, the receiver's clock), or
     * negative when it did not. Packets the router no longer remembers are skipped. Returns whether the message
     * said anything (some packet it reports as arrived is remembered).
     */
    boolean onFeedback(int base, int count, long[] arrivals, long nowNanos) {
        long smallest = Long.MAX_VALUE;
        long firstSent = Long.MAX_VALUE;
        long lastSent = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            if (arrivals[i] < 0) {
                continue;
            }
            int sequence = (base + i) & 0xFFFF;
            int slot = sequence & (HISTORY - 1);
            if (sentSequence[slot] != sequence) {
                continue;
            }
            long sentMicros = Math.floorDiv(sentNanos[slot] - originNanos, 1000);
            smallest = Math.min(smallest, arrivals[i] - sentMicros);
            firstSent = Math.min(firstSent, sentMicros);
            lastSent = Math.max(lastSent, sentMicros);
        }
        if (smallest == Long.MAX_VALUE) {
            return false;
        }
        if (nowNanos - halfStartNanos >= BASELINE_NANOS / 2) {
            previousMinimum = minimum;
            minimum = Long.MAX_VALUE;
            halfStartNanos = nowNanos;
        }
        long baseline = Math.min(minimum, previousMinimum);
        if (baseline != Long.MAX_VALUE && Math.abs(smallest - baseline) > IMPLAUSIBLE_MICROS) {
            previousMinimum = Long.MAX_VALUE;
            minimum = Long.MAX_VALUE;
        }
        minimum = Math.min(minimum, smallest);
        reportedThroughMicros = Math.max(reportedThroughMicros, lastSent);
        previousQueueingMicros = queueingMicros;
        queueingMicros = smallest - Math.min(minimum, previousMinimum);
        measuredAtNanos = nowNanos;
        // every packet of the message waited at least its smallest delay: the queue was there while they were sent
        if (queueingMicros * 1000 <= STANDING_QUEUE_NANOS) {
            overSinceMicros = NONE;
            overForMicros = 0;
        } else {
            overSinceMicros = overSinceMicros == NONE ? firstSent : Math.min(overSinceMicros, firstSent);
            overForMicros = Math.max(overForMicros, lastSent - overSinceMicros);
        }
        if (queueingMicros * 1000 <= FULL_QUEUE_NANOS) {
            fullSinceMicros = NONE;
            fullForMicros = 0;
        } else {
            fullSinceMicros = fullSinceMicros == NONE ? firstSent : Math.min(fullSinceMicros, firstSent);
            fullForMicros = Math.max(fullForMicros, lastSent - fullSinceMicros);
        }
        return true;
    }

    /** Whether feedback came within {@code maxAgeNanos}: the subscriber's browser sends it, and it is coming. */
    boolean fresh(long nowNanos, long maxAgeNanos) {
        return measuredAtNanos != 0 && nowNanos - measuredAtNanos <= maxAgeNanos;
    }

    /** The queueing the latest feedback showed, or 0 when none came within {@code maxAgeNanos}. */
    long queueingNanos(long nowNanos, long maxAgeNanos) {
        if (measuredAtNanos == 0 || nowNanos - measuredAtNanos > maxAgeNanos) {
            return 0;
        }
        return queueingMicros * 1000;
    }

    /**
     * Whether feedback reported a packet sent at {@code sentNanos} or later as arrived: what the queue says is about
     * the sending since then.
     */
    boolean reportedSince(long sentNanos) {
        return reportedThroughMicros != NONE && reportedThroughMicros >= Math.floorDiv(sentNanos - originNanos, 1000);
    }

    /**
     * Whether the latest two messages each showed a queue over {@link #STANDING_QUEUE_NANOS}, the later a longer
     * one: a queue building up. A burst's queue drains, a late read shows in one message; under a trial's padding,
     * which adds load and nothing else, this is the first sign that the link carries less.
     */
    boolean building() {
        return queueingMicros * 1000 > STANDING_QUEUE_NANOS && previousQueueingMicros * 1000 > STANDING_QUEUE_NANOS
                && queueingMicros > previousQueueingMicros;
    }

    /**
     * Whether a queue of more than {@link #STANDING_QUEUE_NANOS} stands: every feedback message about the packets
     * sent in the last {@link #STANDING_NANOS} or more showed one. A message over it may be a burst the link drains
     * in time, or a receiver that read late; a queue that stays is a link carrying less than it is sent. Over
     * {@link #FULL_QUEUE_NANOS}, packets sent over {@link #FULL_NANOS} are enough: feedback tells of a queue a
     * queue's time late, so waiting longer lets it grow into losses.
     */
    boolean standing() {
        return overForMicros * 1000 >= STANDING_NANOS || fullForMicros * 1000 >= FULL_NANOS;
    }
}
