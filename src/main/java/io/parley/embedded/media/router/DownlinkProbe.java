package io.parley.embedded.media.router;

/**
 * Trying a subscriber on the next simulcast layer up. A receiver's REMB never says more than about one and a half
 * times what it receives (the estimator cannot know more), so a subscriber on a low layer would stay there: when its
 * REMB sits at that cap the downlink may carry more, and the next layer is tried. The trial holds through a grace
 * period while the estimate catches up, unless the estimate falls below what the subscriber receives (its queue
 * grows); after it, the layer must fit the estimate. A failed trial waits before the next, twice as long each time,
 * so a weak downlink is disturbed rarely. Media thread only.
 */
final class DownlinkProbe {

    static final long GRACE_NANOS = 3_000_000_000L;
    static final long FIRST_BACKOFF_NANOS = 15_000_000_000L;
    static final long MAX_BACKOFF_NANOS = 120_000_000_000L;
    /**
     * A REMB this far above all the subscriber receives on the link says the estimator sees no queue: it is at its
     * cap, not at a limit of the downlink (congested, it falls below what arrives).
     */
    static final double AT_CAP = 1.1;

    private int trying = LayerSelection.NONE;
    private long since;
    private long nextAllowed;
    private long backoff = FIRST_BACKOFF_NANOS;
    private long failures;

    /** Whether a trial may start now. */
    boolean allowed(long nowNanos) {
        return trying == LayerSelection.NONE && nowNanos - nextAllowed >= 0;
    }

    void start(int layer, long nowNanos) {
        trying = layer;
        since = nowNanos;
    }

    boolean inGrace(long nowNanos) {
        return trying != LayerSelection.NONE && nowNanos - since < GRACE_NANOS;
    }

    /** The trial's layer fits the estimate: the downlink carries it. */
    void succeeded() {
        trying = LayerSelection.NONE;
        backoff = FIRST_BACKOFF_NANOS;
    }

    /** The trial's layer did not fit: back down, and wait longer before the next. */
    void failed(long nowNanos) {
        trying = LayerSelection.NONE;
        failures++;
        nextAllowed = nowNanos + backoff;
        backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
    }

    long failures() {
        return failures;
    }
}
