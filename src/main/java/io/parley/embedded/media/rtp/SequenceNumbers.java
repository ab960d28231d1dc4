package io.parley.embedded.media.rtp;

/**
 * Arithmetic on 16-bit RTP sequence numbers (RFC 3550 §5.1), which wrap from 65535 to 0.
 *
 * <p>Comparisons use serial-number arithmetic (RFC 1982): {@code a} is newer than {@code b} when it lies less than half the
 * sequence space ahead of it. Extended sequence numbers count wraps in the bits above 16 (RFC 3550 §6.4.1, Appendix A.1),
 * so that windows and buffers never have to reason about the wrap themselves.
 */
public final class SequenceNumbers {

    public static final int MODULUS = 0x10000;
    public static final int MASK = 0xFFFF;

    private SequenceNumbers() {
    }

    /** The signed distance from {@code from} to {@code to}, in [-32768, 32767]; positive when {@code to} is newer. */
    public static int delta(int from, int to) {
        return (short) ((to - from) & MASK);
    }

    /** True when {@code a} is strictly newer than {@code b}, across the wrap. */
    public static boolean isNewer(int a, int b) {
        return delta(b, a) > 0;
    }

    /** The sequence number {@code n} steps after {@code seq} (n may be negative). */
    public static int add(int seq, int n) {
        return (seq + n) & MASK;
    }

    /**
     * The extended sequence number of {@code seq}: the one whose low 16 bits are {@code seq} and that lies closest to
     * {@code lastExtended}. A packet from just before the first one seen unwraps to a negative value, which still compares
     * correctly; callers that start counting should seed {@code lastExtended} with the first packet's sequence number.
     */
    public static long unwrap(long lastExtended, int seq) {
        return lastExtended + delta((int) (lastExtended & MASK), seq & MASK);
    }
}
