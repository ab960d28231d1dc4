package io.parley.embedded.media.rtp;

/**
 * Limits key frame requests (PLI, RFC 4585 §6.3.1, or FIR, RFC 5104 §4.3.1) to one per interval per published stream.
 *
 * <p>Every subscriber that joins, and every one that loses a key frame, wants one; a key frame costs the publisher several
 * times a delta frame, and one key frame serves everybody. Ten people joining a room at once therefore cause one request,
 * not ten (RFC 5104 §4.3.1.2 likewise asks media senders not to answer repeated requests within a round trip).
 */
public final class KeyFrameRequestThrottle {

    public static final long DEFAULT_INTERVAL_NANOS = 500_000_000L;

    private final long intervalNanos;
    private boolean requested;
    private long lastRequestNanos;

    public KeyFrameRequestThrottle() {
        this(DEFAULT_INTERVAL_NANOS);
    }

    public KeyFrameRequestThrottle(long intervalNanos) {
        if (intervalNanos < 0) {
            throw new IllegalArgumentException("intervalNanos must not be negative: " + intervalNanos);
        }
        this.intervalNanos = intervalNanos;
    }

    /**
     * True when a request may be sent now, and records it as sent; false while the previous one is too recent.
     * {@code nowNanos} is a monotonic clock ({@link System#nanoTime()}), compared by difference so that it may wrap.
     */
    public boolean shouldRequest(long nowNanos) {
        if (requested && nowNanos - lastRequestNanos < intervalNanos) {
            return false;
        }
        requested = true;
        lastRequestNanos = nowNanos;
        return true;
    }

    /** Allows the next request immediately, e.g. when the publisher's stream restarted. */
    public void reset() {
        requested = false;
    }
}
