package io.parley.embedded.media.rtcp;

import io.parley.embedded.media.Bytes;

/** RTCP packet types and feedback message types, and the common header all of them start with (RFC 3550 §6.4). */
public final class Rtcp {

    /** RFC 3550 §6.4.1. */
    public static final int SR = 200;
    /** RFC 3550 §6.4.2. */
    public static final int RR = 201;
    /** RFC 3550 §6.5. */
    public static final int SDES = 202;
    /** RFC 3550 §6.6. */
    public static final int BYE = 203;
    /** RFC 3550 §6.7. */
    public static final int APP = 204;
    /** RFC 4585 §6.2: transport-layer feedback. */
    public static final int RTPFB = 205;
    /** RFC 4585 §6.3: payload-specific feedback. */
    public static final int PSFB = 206;

    /** RTPFB FMT, RFC 4585 §6.2.1. */
    public static final int FMT_NACK = 1;
    /** PSFB FMT, RFC 4585 §6.3.1. */
    public static final int FMT_PLI = 1;
    /** PSFB FMT, RFC 5104 §4.3.1. */
    public static final int FMT_FIR = 4;
    /** PSFB FMT, RFC 4585 §6.4: application layer feedback, which REMB uses. */
    public static final int FMT_AFB = 15;

    public static final int HEADER_LENGTH = 4;
    /** Header plus the two SSRCs every feedback message carries (RFC 4585 §6.1). */
    public static final int FEEDBACK_HEADER_LENGTH = 12;

    private Rtcp() {
    }

    /**
     * RFC 5761 §4: with rtcp-mux, a packet whose second byte is 192–223 is RTCP (the same byte is RTP's marker and
     * payload type, whose values 64–95 are therefore never used).
     */
    public static boolean looksLikeRtcp(byte[] packet, int off, int len) {
        if (packet == null || off < 0 || len < HEADER_LENGTH || off > packet.length - len) {
            return false;
        }
        int type = packet[off + 1] & 0xFF;
        return (packet[off] & 0xC0) == 0x80 && type >= 192 && type <= 223;
    }

    /** Writes the common header: version 2, no padding, {@code count} (or FMT), type and length in words minus one. */
    static void writeHeader(byte[] buf, int off, int count, int type, int totalLength) {
        buf[off] = (byte) (0x80 | (count & 0x1F));
        buf[off + 1] = (byte) type;
        Bytes.put16(buf, off + 2, totalLength / 4 - 1);
    }

    static boolean fits(byte[] buf, int off, int len) {
        return buf != null && off >= 0 && len >= 0 && off <= buf.length - len;
    }
}
