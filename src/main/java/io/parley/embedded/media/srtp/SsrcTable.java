package io.parley.embedded.media.srtp;

/**
 * SSRC to state, open addressing on an int key so that a lookup allocates nothing (a
 * {@code HashMap<Integer, ...>} would box most SSRCs). Bounded: a peer connection carries a
 * handful of SSRCs (audio, video, simulcast layers, RTX), and a receiving context only adds one
 * after a packet for it has been authenticated, so a peer cannot grow it with made-up SSRCs.
 */
final class SsrcTable {
    private final int limit;
    private final int mask;
    private final int[] keys;
    private final SsrcState[] states;
    private int size;

    SsrcTable(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
        int capacity = Integer.highestOneBit(limit * 2 - 1) << 1;
        mask = capacity - 1;
        keys = new int[capacity];
        states = new SsrcState[capacity];
    }

    SsrcState get(int ssrc) {
        for (int i = slot(ssrc); ; i = (i + 1) & mask) {
            SsrcState state = states[i];
            if (state == null || keys[i] == ssrc) {
                return state;
            }
        }
    }

    /** Adds a state for an SSRC not in the table, or returns null when the table is full. */
    SsrcState add(int ssrc) {
        if (size == limit) {
            return null;
        }
        int i = slot(ssrc);
        while (states[i] != null) {
            i = (i + 1) & mask;
        }
        SsrcState state = new SsrcState(ssrc);
        keys[i] = ssrc;
        states[i] = state;
        size++;
        return state;
    }

    int size() {
        return size;
    }

    private int slot(int ssrc) {
        return (ssrc * 0x9E3779B9 >>> 16) & mask;
    }
}
