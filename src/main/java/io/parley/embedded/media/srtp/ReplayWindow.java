package io.parley.embedded.media.srtp;

/**
 * The sliding replay list of RFC 3711 §3.3.2 as a 64-bit bitmap: bit i stands for the index
 * {@code highest - i}. It also remembers the highest index, from which the ROC and s_l of
 * Appendix A follow.
 */
final class ReplayWindow {
    static final int SIZE = 64;

    private long highest = -1;
    private long seen;

    /** The highest index accepted so far, or -1 before the first. */
    long highest() {
        return highest;
    }

    /** Null when {@code index} may be accepted, or why not. Does not change the window. */
    SrtpDrop check(long index) {
        if (index > highest) {
            return null;
        }
        long behind = highest - index;
        if (behind >= SIZE) {
            return SrtpDrop.TOO_OLD;
        }
        return (seen >>> behind & 1L) != 0 ? SrtpDrop.REPLAYED : null;
    }

    /** Records {@code index}; only called once its packet has been authenticated (§3.3.2). */
    void accept(long index) {
        if (index > highest) {
            long ahead = index - highest;
            seen = ahead >= SIZE ? 1L : seen << ahead | 1L;
            highest = index;
        } else {
            seen |= 1L << (highest - index);
        }
    }
}
