package io.parley.embedded.media.srtp;

import java.util.Optional;

/**
 * The SRTP protection profiles this package implements, with the numbers DTLS-SRTP negotiates them by
 * (RFC 5764 §4.1.2) and the lengths RFC 3711 §8.2 and RFC 4568 give them.
 */
public enum SrtpProfile {
    /** The profile every WebRTC browser offers first: AES-128 counter mode, 80-bit HMAC-SHA1 tags. */
    AES_CM_128_HMAC_SHA1_80(0x0001, 10),
    /**
     * Same cipher, 32-bit RTP tags. RFC 5764 §4.1.2 keeps SRTCP at 80 bits for this profile, so only
     * the RTP tag shrinks.
     */
    AES_CM_128_HMAC_SHA1_32(0x0002, 4);

    /** AES-128 session and master keys (RFC 3711 §8.2: n_e = 128). */
    public static final int KEY_LENGTH = 16;
    /** Master and session salts are 112 bits (RFC 3711 §8.2: n_s = 112). */
    public static final int SALT_LENGTH = 14;
    /** HMAC-SHA1 session authentication keys are 160 bits (RFC 3711 §8.2: n_a = 160). */
    public static final int AUTH_KEY_LENGTH = 20;
    /** SRTCP tags are 80 bits in both profiles (RFC 5764 §4.1.2). */
    private static final int RTCP_TAG_LENGTH = 10;

    private final int dtlsId;
    private final int rtpTagLength;

    SrtpProfile(int dtlsId, int rtpTagLength) {
        this.dtlsId = dtlsId;
        this.rtpTagLength = rtpTagLength;
    }

    /** The SRTPProtectionProfile number of the DTLS use_srtp extension (RFC 5764 §4.1.2). */
    public int dtlsId() {
        return dtlsId;
    }

    /** Bytes an SRTP packet grows by: the authentication tag. */
    public int rtpTagLength() {
        return rtpTagLength;
    }

    /** Length of the SRTCP authentication tag. */
    public int rtcpTagLength() {
        return RTCP_TAG_LENGTH;
    }

    /**
     * Bytes of DTLS keying material the profile needs (RFC 5764 §4.2): a master key and a master salt
     * for each side.
     */
    public int dtlsExportLength() {
        return 2 * (KEY_LENGTH + SALT_LENGTH);
    }

    /** The profile DTLS negotiated, or empty for a profile this package does not implement. */
    public static Optional<SrtpProfile> fromDtlsId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.dtlsId == id) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }
}
