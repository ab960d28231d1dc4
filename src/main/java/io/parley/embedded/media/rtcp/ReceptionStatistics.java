package io.parley.embedded.media.rtcp;

import io.parley.embedded.media.rtp.SequenceNumbers;

/**
 * Reception statistics of one incoming SSRC, kept as RFC 3550 Appendix A.1, A.3 and A.8 describe, to fill the report block
 * the router sends the publisher in its receiver reports.
 *
 * <p>Sequence numbers are validated as in A.1 without the probation step (SRTP has already authenticated the packet):
 * a jump of more than {@link #MAX_DROPOUT} ahead or {@link #MAX_MISORDER} behind is ignored, unless the next packet
 * continues from it, in which case the source restarted and counting starts over. Not thread-safe: one stream's
 * packets are handled by one thread.
 */
public final class ReceptionStatistics {

    /** RFC 3550 A.1. */
    public static final int MAX_DROPOUT = 3000;
    /** RFC 3550 A.1. */
    public static final int MAX_MISORDER = 100;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long ssrc;
    private final int clockRate;
    private boolean started;
    private long baseSequence;
    private long highestSequence;
    private int badSequence = -1;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private boolean haveTransit;
    private long lastArrivalNanos;
    private long lastRtpTimestamp;
    private long lastSenderReport;
    private long lastSenderReportArrivalNanos;
    private boolean haveSenderReport;

    /** @param clockRate the RTP clock rate of the payload (90000 for video, 48000 for Opus), for jitter */
    public ReceptionStatistics(long ssrc, int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate must be positive: " + clockRate);
        }
        this.ssrc = ssrc;
        this.clockRate = clockRate;
    }

    public long ssrc() {
        return ssrc;
    }

    /** Records a received packet: its sequence number, RTP timestamp and arrival time ({@link System#nanoTime()}). */
    public void onPacket(int sequenceNumber, long rtpTimestamp, long arrivalNanos) {
        int seq = sequenceNumber & SequenceNumbers.MASK;
        if (!started) {
            restart(seq);
        } else {
            long ext = SequenceNumbers.unwrap(highestSequence, seq);
            long delta = ext - highestSequence;
            if (delta > MAX_DROPOUT || delta < -MAX_MISORDER) {
                if (seq != badSequence) {
                    badSequence = SequenceNumbers.add(seq, 1);
                    return;
                }
                restart(seq);
            } else if (delta > 0) {
                highestSequence = ext;
            } else {
                received++;
                return; // reordered or duplicate: counted, but it says nothing about transit time in sending order
            }
        }
        badSequence = -1;
        received++;
        updateJitter(rtpTimestamp, arrivalNanos);
    }

    private void restart(int seq) {
        started = true;
        baseSequence = seq;
        highestSequence = seq;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
        haveTransit = false;
        jitter = 0;
    }

    /** RFC 3550 A.8: J += (|D| - J) / 16, where D is the change in transit time between consecutive packets. */
    private void updateJitter(long rtpTimestamp, long arrivalNanos) {
        if (haveTransit) {
            double arrivalDelta = (arrivalNanos - lastArrivalNanos) * (double) clockRate / NANOS_PER_SECOND;
            int timestampDelta = (int) (rtpTimestamp - lastRtpTimestamp);
            double d = arrivalDelta - timestampDelta;
            jitter += (Math.abs(d) - jitter) / 16;
        }
        haveTransit = true;
        lastArrivalNanos = arrivalNanos;
        lastRtpTimestamp = rtpTimestamp;
    }

    /** Records a sender report from this source, to echo its time as LSR and the delay since as DLSR. */
    public void onSenderReport(long ntpTimestamp, long arrivalNanos) {
        lastSenderReport = (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
        lastSenderReportArrivalNanos = arrivalNanos;
        haveSenderReport = true;
    }

    /** Packets expected so far: extended highest sequence number received minus the first, plus one (A.3). */
    public long expected() {
        return started ? highestSequence - baseSequence + 1 : 0;
    }

    public long received() {
        return received;
    }

    /** Cumulative packets lost (A.3); negative when duplicates outnumber losses. */
    public long lost() {
        return expected() - received;
    }

    /** Interarrival jitter in RTP timestamp units. */
    public long jitter() {
        return (long) jitter;
    }

    /**
     * Fills {@code block} for a receiver report sent at {@code nowNanos}, and starts a new interval for the fraction
     * lost (A.3: fraction of the packets expected since the previous report that did not arrive, in 1/256).
     */
    public ReportBlock fill(ReportBlock block, long nowNanos) {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        long lostInterval = expectedInterval - receivedInterval;
        expectedPrior = expected;
        receivedPrior = received;
        block.ssrc = ssrc;
        // An interval where everything was lost would be 256/256, which the 8-bit field cannot hold.
        block.fractionLost = expectedInterval <= 0 || lostInterval <= 0
                ? 0 : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        block.cumulativeLost = (int) Math.max(-0x800000, Math.min(0x7FFFFF, lost()));
        // A.1: cycles in the high 16 bits, counted from the first packet, so the value never goes below it.
        block.extendedHighestSequence = started ? highestSequence & 0xFFFFFFFFL : 0;
        block.jitter = jitter();
        if (haveSenderReport) {
            block.lastSenderReport = lastSenderReport;
            long delayNanos = Math.max(0, nowNanos - lastSenderReportArrivalNanos);
            double delayUnits = delayNanos * 65536.0 / NANOS_PER_SECOND;
            block.delaySinceLastSenderReport = (long) Math.min(0xFFFFFFFFL, delayUnits);
        } else {
            block.lastSenderReport = 0;
            block.delaySinceLastSenderReport = 0;
        }
        return block;
    }
}
