package io.parley.embedded.media.rtcp;

import io.parley.embedded.media.Bytes;

/**
 * Receiver Estimated Maximum Bitrate (draft-alvestrand-rmcat-remb-03 §2.2, PSFB FMT 15 with the identifier "REMB"): the
 * bitrate the router tells a publisher it can receive. Browsers cap their sending rate by it, and raise it when it rises.
 *
 * <pre>
 * | unique identifier 'R' 'E' 'M' 'B'                             |
 * | Num SSRC (8)  | BR Exp (6) | BR Mantissa (18)                 |
 * | SSRC feedback (32) ...                                        |
 * </pre>
 * The bitrate is mantissa * 2^exp bits per second.
 */
public final class Remb {

    private static final int IDENTIFIER = 0x52454D42; // "REMB"
    private static final int MAX_MANTISSA = (1 << 18) - 1;
    private static final int BODY_AT = Rtcp.FEEDBACK_HEADER_LENGTH;

    private Remb() {
    }

    /** True when the packet is a well-formed REMB whose SSRC list fits in it. */
    public static boolean is(byte[] buf, int off, int len) {
        if (!Feedback.is(buf, off, len, Rtcp.PSFB, Rtcp.FMT_AFB) || len < BODY_AT + 8) {
            return false;
        }
        return Bytes.u32(buf, off + BODY_AT) == IDENTIFIER && BODY_AT + 8 + 4 * (buf[off + BODY_AT + 4] & 0xFF) <= len;
    }

    /** The bitrate in bits per second, or -1 when the packet is not a REMB. */
    public static long bitrate(byte[] buf, int off, int len) {
        if (!is(buf, off, len)) {
            return -1;
        }
        int at = off + BODY_AT + 5;
        int exp = (buf[at] & 0xFF) >>> 2;
        long mantissa = (buf[at] & 0x03L) << 16 | Bytes.u16(buf, at + 1);
        // Exponents up to 63 fit the field; past 2^45 bps no real link is meant, so saturate rather than overflow.
        return exp > 45 ? Long.MAX_VALUE : mantissa << exp;
    }

    /** How many SSRCs the estimate applies to, or 0 when the packet is not a REMB. */
    public static int ssrcCount(byte[] buf, int off, int len) {
        return is(buf, off, len) ? buf[off + BODY_AT + 4] & 0xFF : 0;
    }

    /** SSRC {@code index} of the list; the caller has checked the count. */
    public static long ssrc(byte[] buf, int off, int index) {
        return Bytes.u32(buf, off + BODY_AT + 8 + 4 * index);
    }

    /**
     * Writes a REMB for the first {@code count} of {@code ssrcs}. The bitrate is rounded down to what 18 bits of mantissa
     * can say (the smallest exponent that fits), so the publisher is never told more than was estimated.
     *
     * @return the bytes written, or -1 for a negative bitrate, more than 255 SSRCs or a buffer too small
     */
    public static int write(byte[] buf, int off, long senderSsrc, long bitrateBps, long[] ssrcs, int count) {
        if (bitrateBps < 0 || count < 0 || count > 255 || (count > 0 && (ssrcs == null || ssrcs.length < count))) {
            return -1;
        }
        int total = BODY_AT + 8 + 4 * count;
        if (!Rtcp.fits(buf, off, total)) {
            return -1;
        }
        int exp = 0;
        long mantissa = bitrateBps;
        while (mantissa > MAX_MANTISSA) {
            mantissa >>>= 1;
            exp++;
        }
        // RFC 4585 §6.4: the media source field of an application layer feedback message is 0; the SSRCs follow.
        int at = off + Feedback.writeHeader(buf, off, Rtcp.PSFB, Rtcp.FMT_AFB, total, senderSsrc, 0);
        Bytes.put32(buf, at, IDENTIFIER);
        buf[at + 4] = (byte) count;
        buf[at + 5] = (byte) (exp << 2 | (int) (mantissa >>> 16));
        Bytes.put16(buf, at + 6, (int) mantissa);
        for (int i = 0; i < count; i++) {
            Bytes.put32(buf, at + 8 + 4 * i, ssrcs[i]);
        }
        return total;
    }
}
