package io.parley.embedded.media.stun;

/**
 * Wire constants of STUN (RFC 8489) and of the ICE attributes registered for it (RFC 8445 §16.1).
 * Only what ICE-lite needs; every other attribute is skipped by the decoder.
 */
public final class StunTypes {

    /** RFC 8489 §5: fixed value that tells STUN apart from other protocols sharing the port. */
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER_LENGTH = 20;
    public static final int TRANSACTION_ID_LENGTH = 12;

    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_INDICATION = 0x0011;
    public static final int BINDING_SUCCESS_RESPONSE = 0x0101;
    public static final int BINDING_ERROR_RESPONSE = 0x0111;

    public static final int ATTR_MAPPED_ADDRESS = 0x0001;
    public static final int ATTR_USERNAME = 0x0006;
    public static final int ATTR_MESSAGE_INTEGRITY = 0x0008;
    public static final int ATTR_ERROR_CODE = 0x0009;
    public static final int ATTR_XOR_MAPPED_ADDRESS = 0x0020;
    public static final int ATTR_PRIORITY = 0x0024;
    public static final int ATTR_USE_CANDIDATE = 0x0025;
    public static final int ATTR_SOFTWARE = 0x8022;
    public static final int ATTR_FINGERPRINT = 0x8028;
    public static final int ATTR_ICE_CONTROLLED = 0x8029;
    public static final int ATTR_ICE_CONTROLLING = 0x802A;

    /** RFC 8489 §14.5: HMAC-SHA1 is 20 bytes. */
    public static final int INTEGRITY_LENGTH = 20;
    /** RFC 8489 §14.7: the CRC-32 is xor'ed with this so a STUN-looking payload of another protocol does not pass. */
    public static final int FINGERPRINT_XOR = 0x5354554e;

    /** RFC 8489 §14.3 and §14.8: USERNAME and the ERROR-CODE reason are limited to 513 and 763 bytes. */
    public static final int MAX_USERNAME_LENGTH = 513;
    public static final int MAX_REASON_LENGTH = 763;

    public static final int ERROR_ROLE_CONFLICT = 487;

    private StunTypes() {
    }

    /** RFC 7983 §7: a first byte of 0 to 3 on a multiplexed port is STUN. */
    public static boolean looksLikeStun(byte firstByte) {
        return (firstByte & 0xFF) <= 3;
    }

    /** Bytes an attribute value takes on the wire: RFC 8489 §14 pads every value to a multiple of 4. */
    static int padded(int valueLength) {
        return (valueLength + 3) & ~3;
    }
}
