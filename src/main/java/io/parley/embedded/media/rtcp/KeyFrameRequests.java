package io.parley.embedded.media.rtcp;

import io.parley.embedded.media.Bytes;

/**
 * Picture Loss Indication (RFC 4585 §6.3.1, PSFB FMT 1) and Full Intra Request (RFC 5104 §4.3.1, PSFB FMT 4): how the
 * router asks a publisher for a key frame when a subscriber joins or loses one. Browsers answer both; FIR carries a
 * sequence number so that a repeated request is recognised as the same one.
 */
public final class KeyFrameRequests {

    public static final int PLI_LENGTH = Rtcp.FEEDBACK_HEADER_LENGTH;
    public static final int FIR_ENTRY_LENGTH = 8;

    private KeyFrameRequests() {
    }

    public static boolean isPli(byte[] buf, int off, int len) {
        return Feedback.is(buf, off, len, Rtcp.PSFB, Rtcp.FMT_PLI);
    }

    public static boolean isFir(byte[] buf, int off, int len) {
        return Feedback.is(buf, off, len, Rtcp.PSFB, Rtcp.FMT_FIR) && len >= Rtcp.FEEDBACK_HEADER_LENGTH + FIR_ENTRY_LENGTH;
    }

    /** FIR entries in the packet (one per media sender asked), or 0 when it is not a FIR. */
    public static int firEntryCount(byte[] buf, int off, int len) {
        return isFir(buf, off, len) ? (len - Rtcp.FEEDBACK_HEADER_LENGTH) / FIR_ENTRY_LENGTH : 0;
    }

    /** The SSRC FIR entry {@code index} asks for a key frame; the caller has checked the count. */
    public static long firSsrc(byte[] buf, int off, int index) {
        return Bytes.u32(buf, off + Rtcp.FEEDBACK_HEADER_LENGTH + index * FIR_ENTRY_LENGTH);
    }

    /** The command sequence number of FIR entry {@code index}; the caller has checked the count. */
    public static int firSequenceNumber(byte[] buf, int off, int index) {
        return buf[off + Rtcp.FEEDBACK_HEADER_LENGTH + index * FIR_ENTRY_LENGTH + 4] & 0xFF;
    }

    /** Writes a PLI; returns 12, or -1 when the buffer is too small. */
    public static int writePli(byte[] buf, int off, long senderSsrc, long mediaSsrc) {
        if (!Rtcp.fits(buf, off, PLI_LENGTH)) {
            return -1;
        }
        return Feedback.writeHeader(buf, off, Rtcp.PSFB, Rtcp.FMT_PLI, PLI_LENGTH, senderSsrc, mediaSsrc);
    }

    /**
     * Writes a FIR with one entry; returns 20, or -1 when the buffer is too small. RFC 5104 §4.3.1.2: the media source
     * field of the common header is 0, the target SSRC goes in the entry, and {@code sequenceNumber} is incremented by the
     * caller for each new request (not for repetitions).
     */
    public static int writeFir(byte[] buf, int off, long senderSsrc, long mediaSsrc, int sequenceNumber) {
        int total = Rtcp.FEEDBACK_HEADER_LENGTH + FIR_ENTRY_LENGTH;
        if (!Rtcp.fits(buf, off, total)) {
            return -1;
        }
        int at = off + Feedback.writeHeader(buf, off, Rtcp.PSFB, Rtcp.FMT_FIR, total, senderSsrc, 0);
        Bytes.put32(buf, at, mediaSsrc);
        Bytes.put32(buf, at + 4, (long) (sequenceNumber & 0xFF) << 24);
        return total;
    }
}
