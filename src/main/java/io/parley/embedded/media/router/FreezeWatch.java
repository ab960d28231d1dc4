package io.parley.embedded.media.router;

/**
 * Whether one subscriber's video is frozen as the router sees it: a second or more in which the publisher's video
 * arrives and none of it goes out to the subscriber (a switch waiting for its key frame, a layer that stopped). A
 * hidden tile or a publisher that sends nothing is no freeze. A freeze is counted when it starts and its length added
 * when it ends. Media thread only.
 */
final class FreezeWatch {

    /** A gap in a subscriber's video longer than this is a freeze. */
    static final long FREEZE_NANOS = 1_000_000_000L;

    /** When video last went out (0: never), and since when it has been frozen (0: it is not). */
    private long forwardedNanos;
    private long frozenSinceNanos;

    /** A video packet went out to the subscriber. */
    void forwarded(long nowNanos) {
        forwardedNanos = nowNanos;
    }

    /** Every tick: {@code wanted} when the subscriber's tile shows video, {@code sending} when the publisher sends. */
    void check(long nowNanos, boolean wanted, boolean sending, MediaMetrics metrics) {
        boolean stalled = sending && wanted && forwardedNanos != 0 && nowNanos - forwardedNanos > FREEZE_NANOS;
        if (stalled && frozenSinceNanos == 0) {
            frozenSinceNanos = forwardedNanos;
            metrics.freezes.increment();
        } else if (!stalled && frozenSinceNanos != 0) {
            long endedNanos = forwardedNanos > frozenSinceNanos ? forwardedNanos : nowNanos;
            metrics.frozenNanos.increment(endedNanos - frozenSinceNanos);
            frozenSinceNanos = 0;
        }
    }
}
