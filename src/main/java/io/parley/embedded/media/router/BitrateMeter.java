package io.parley.embedded.media.router;

/** Bits per second of what passed since the last reading: a layer's packets in, a subscriber's out. Media thread. */
final class BitrateMeter {

    private long bytes;
    private long bitrate;
    private long since = System.nanoTime();

    void add(int length) {
        bytes += length;
    }

    /** Ends an interval: its bitrate is what {@link #bitrate} answers until the next. */
    void measure(long nowNanos) {
        long elapsed = nowNanos - since;
        if (elapsed > 0) {
            bitrate = bytes * 8 * 1_000_000_000L / elapsed;
        }
        bytes = 0;
        since = nowNanos;
    }

    long bitrate() {
        return bitrate;
    }
}
