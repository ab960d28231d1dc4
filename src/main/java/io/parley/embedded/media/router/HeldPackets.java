package io.parley.embedded.media.router;

import java.util.Arrays;

/**
 * A new subscription's first video, held while its DTLS handshake runs: renumbered like any forwarded packet and
 * starting at a key frame, but not yet encrypted (no keys) nor numbered for transport-wide feedback (that is the
 * sending's). The key frame asked for when the first packet of the layer came is on its way during the handshake
 * (a handshake and a publisher's answer to a PLI each took 80 to 190 ms on the test machine); held, it reaches the
 * subscriber as the keys do instead of a key frame request's time later.
 *
 * <p>Bounded: a handshake that outlasts {@link #CAPACITY} packets (about a second of a low layer) lets go of them
 * all and holds no more, and the subscription starts as it would have without: at the next key frame. Media thread
 * only.
 */
final class HeldPackets {

    static final int CAPACITY = 64;

    private final byte[][] packets = new byte[CAPACITY][];
    private final int[] lengths = new int[CAPACITY];
    private final int[] transportAts = new int[CAPACITY];
    private int count;
    private boolean overflowed;

    /**
     * Holds a copy of {@code packet}; {@code transportAt} is where its transport-wide sequence number goes, or
     * negative. Returns false, and holds nothing from then on, once full.
     */
    boolean hold(byte[] packet, int length, int transportAt) {
        if (overflowed) {
            return false;
        }
        if (count == CAPACITY) {
            overflowed = true;
            Arrays.fill(packets, null);
            count = 0;
            return false;
        }
        packets[count] = Arrays.copyOf(packet, length);
        lengths[count] = length;
        transportAts[count] = transportAt;
        count++;
        return true;
    }

    boolean overflowed() {
        return overflowed;
    }

    int count() {
        return count;
    }

    byte[] packet(int i) {
        return packets[i];
    }

    int length(int i) {
        return lengths[i];
    }

    int transportAt(int i) {
        return transportAts[i];
    }
}
