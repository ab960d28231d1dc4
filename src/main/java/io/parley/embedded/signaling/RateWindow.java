package io.parley.embedded.signaling;

/** Counts events in a fixed window: enough to cap signals per second and refusals per ten seconds. */
final class RateWindow {

    private final int limit;
    private final long windowNanos;
    private long windowStart;
    private int count;

    RateWindow(int limit, long windowNanos) {
        this.limit = limit;
        this.windowNanos = windowNanos;
    }

    /** Counts one event at {@code now}; false when it is over the limit of its window. */
    synchronized boolean tryAcquire(long now) {
        if (count == 0 || now - windowStart >= windowNanos) {
            windowStart = now;
            count = 0;
        }
        count++;
        return count <= limit;
    }
}
