package io.parley.embedded.media.rtcp;

import io.parley.embedded.media.Bytes;

/**
 * The common part of feedback messages (RFC 4585 §6.1): header, SSRC of the packet sender, SSRC of the media source.
 * Callers pass a packet as given by {@link RtcpCompound}.
 */
public final class Feedback {

    private Feedback() {
    }

    /** True when the packet is a well-formed feedback message of this type ({@link Rtcp#RTPFB}/{@link Rtcp#PSFB}) and FMT. */
    public static boolean is(byte[] buf, int off, int len, int type, int fmt) {
        return Rtcp.fits(buf, off, len) && len >= Rtcp.FEEDBACK_HEADER_LENGTH
                && (buf[off + 1] & 0xFF) == type && (buf[off] & 0x1F) == fmt;
    }

    /** The SSRC of the packet sender; the caller has checked {@link #is}. */
    public static long senderSsrc(byte[] buf, int off) {
        return Bytes.u32(buf, off + 4);
    }

    /** The SSRC of the media source the feedback is about; the caller has checked {@link #is}. */
    public static long mediaSsrc(byte[] buf, int off) {
        return Bytes.u32(buf, off + 8);
    }

    static int writeHeader(byte[] buf, int off, int type, int fmt, int total, long senderSsrc, long mediaSsrc) {
        Rtcp.writeHeader(buf, off, fmt, type, total);
        Bytes.put32(buf, off + 4, senderSsrc);
        Bytes.put32(buf, off + 8, mediaSsrc);
        return Rtcp.FEEDBACK_HEADER_LENGTH;
    }
}
