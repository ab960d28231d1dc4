package io.parley.embedded.media.router;

/**
 * The round trip to one subscriber, from the last sender report forwarded on its video SSRC and the receiver report
 * block that answers it (RFC 3550 §6.4.1: arrival minus LSR minus DLSR), and the shortest one lately. What the last
 * exceeds the shortest by is the time packets wait in a queue on the way: a downlink filling up says so by delay
 * before it loses anything. Media thread only.
 */
final class RoundTrip {

    /** How long the shortest round trip stands: a path that changed (ICE-TCP, a new route) gets a new floor. */
    static final long SHORTEST_AGE_NANOS = 30_000_000_000L;

    private long reportMiddleNtp = -1;
    private long reportSentNanos;
    private long lastNanos;
    private long lastAtNanos;
    private long shortestNanos = Long.MAX_VALUE;
    private long shortestAtNanos;

    /** A sender report with 64-bit NTP time {@code ntp} went out. */
    void senderReportSent(long ntp, long nowNanos) {
        reportMiddleNtp = (ntp >>> 16) & 0xFFFF_FFFFL;
        reportSentNanos = nowNanos;
    }

    /** A report block's {@code lastSenderReport} and {@code delaySince} (1/65536 s); one answering the last counts. */
    void answered(long lastSenderReport, long delaySince, long nowNanos) {
        if (reportMiddleNtp < 0 || lastSenderReport != reportMiddleNtp) {
            return;
        }
        reportMiddleNtp = -1;
        long roundTrip = Math.max(0, nowNanos - reportSentNanos - delaySince * 1_000_000_000L / 65_536);
        lastNanos = roundTrip;
        lastAtNanos = nowNanos;
        if (roundTrip < shortestNanos || nowNanos - shortestAtNanos > SHORTEST_AGE_NANOS) {
            shortestNanos = roundTrip;
            shortestAtNanos = nowNanos;
        }
    }

    /** How much longer than the shortest the last round trip was, if measured within {@code maxAge}; else 0. */
    long queueingNanos(long nowNanos, long maxAgeNanos) {
        if (lastAtNanos == 0 || nowNanos - lastAtNanos >= maxAgeNanos) {
            return 0;
        }
        return lastNanos - shortestNanos;
    }
}
