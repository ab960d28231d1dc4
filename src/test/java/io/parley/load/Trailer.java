package io.parley.load;

/**
 * The last twelve bytes of every payload the load tool sends: a marker and the sender's {@link System#nanoTime()}.
 * Publishers and subscribers run in one process, so a subscriber reads its one-way delay off the packet itself,
 * however the router rewrites sequence numbers and timestamps. The router never decodes a payload, so the bytes are
 * carried as sent.
 */
final class Trailer {

    static final int LENGTH = 12;
    private static final int MARK = 0x504C4421; // "PLD!"

    private Trailer() {
    }

    /** Writes the trailer ending at {@code end}. */
    static void write(byte[] packet, int end, long nanos) {
        int at = end - LENGTH;
        putInt(packet, at, MARK);
        putInt(packet, at + 4, (int) (nanos >>> 32));
        putInt(packet, at + 8, (int) nanos);
    }

    /** The send time in the trailer ending at {@code end}, or {@link Long#MIN_VALUE} when there is none. */
    static long read(byte[] packet, int start, int end) {
        int at = end - LENGTH;
        if (at < start || getInt(packet, at) != MARK) {
            return Long.MIN_VALUE;
        }
        return (long) getInt(packet, at + 4) << 32 | getInt(packet, at + 8) & 0xFFFF_FFFFL;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }
}
