package io.parley.embedded.media.dtls;

import org.bouncycastle.tls.SRTPProtectionProfile;

/**
 * The SRTP protection profiles this router negotiates through DTLS use_srtp (RFC 5764 §4.1.2).
 *
 * <p>Only AES128_CM_HMAC_SHA1_80: RFC 8827 §6.5 makes it mandatory to implement for WebRTC, so every browser offers it,
 * and one profile means one SRTP implementation to get right and to benchmark.
 */
public enum SrtpProfile {
    /** AES-128 counter mode, HMAC-SHA1 with an 80-bit tag; 128-bit master key, 112-bit master salt. */
    AES128_CM_HMAC_SHA1_80(SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80, 16, 14);

    private final int id;
    private final int keyLength;
    private final int saltLength;

    SrtpProfile(int id, int keyLength, int saltLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
    }

    /** The two-byte SRTPProtectionProfile value carried in use_srtp. */
    public int id() {
        return id;
    }

    public int keyLength() {
        return keyLength;
    }

    public int saltLength() {
        return saltLength;
    }

    /** How many bytes to export with EXTRACTOR-dtls_srtp: a key and a salt for each direction (RFC 5764 §4.2). */
    public int exporterLength() {
        return 2 * (keyLength + saltLength);
    }
}
