package io.parley.embedded.media.srtp;

/**
 * Where an RTP header ends (RFC 3550 §5.1, §5.3.1): SRTP leaves the header, CSRC list and header
 * extension in the clear and encrypts only what follows (RFC 3711 §3.1).
 */
final class RtpHeader {
    static final int TOO_SHORT = -1;
    static final int MALFORMED = -2;

    private RtpHeader() {
    }

    /** Header length of the RTP packet in {@code b[off, off+len)}, or {@link #TOO_SHORT}/{@link #MALFORMED}. */
    static int length(byte[] b, int off, int len) {
        if (len < 12) {
            return TOO_SHORT;
        }
        int first = b[off] & 0xFF;
        if ((first & 0xC0) != 0x80) {
            return MALFORMED;
        }
        int header = 12 + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (header + 4 > len) {
                return MALFORMED;
            }
            header += 4 + 4 * SrtpContext.readShort(b, off + header + 2);
        }
        return header <= len ? header : MALFORMED;
    }
}
