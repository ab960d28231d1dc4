package io.parley.embedded.media.sdp;

/** Strict decimal parsing for SDP fields: no signs, no spaces, bounded, and a message that says which field. */
final class Numbers {

    private Numbers() {
    }

    static long decimal(String text, long max, String what) {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SdpException(what + " must be a decimal number, not '" + text + "'");
        }
        long value = Long.parseLong(text);
        if (value > max) {
            throw new SdpException(what + " " + value + " is out of range (0 to " + max + ")");
        }
        return value;
    }

    /** RTP payload types are 7 bits (RFC 3550 §5.1). */
    static int payloadType(String text, String what) {
        return (int) decimal(text, 127, what + " payload type");
    }

    static int positive(String text, String what) {
        int value = (int) decimal(text, Integer.MAX_VALUE, what);
        if (value == 0) {
            throw new SdpException(what + " must not be 0");
        }
        return value;
    }

    /** SSRCs are 32-bit unsigned (RFC 3550 §5.1), so they live in a long. */
    static long ssrc(String text) {
        return decimal(text, 0xFFFF_FFFFL, "SSRC");
    }
}
