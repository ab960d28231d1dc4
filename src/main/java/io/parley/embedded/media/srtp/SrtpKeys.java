package io.parley.embedded.media.srtp;

import java.util.Arrays;

/**
 * The six session keys of one direction of one SRTP session, derived from a master key and master
 * salt (RFC 3711 §4.3, key_derivation_rate 0). Immutable.
 *
 * <p>With DTLS-SRTP the router builds two: {@link #serverWrite} for what it sends (it is the DTLS
 * server, being ICE-lite) and {@link #clientWrite} for what it receives.
 */
public final class SrtpKeys {
    private final SrtpProfile profile;
    private final byte[] rtpCipherKey;
    private final byte[] rtpAuthKey;
    private final byte[] rtpSalt;
    private final byte[] rtcpCipherKey;
    private final byte[] rtcpAuthKey;
    private final byte[] rtcpSalt;

    private SrtpKeys(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
        this.profile = profile;
        int key = SrtpProfile.KEY_LENGTH;
        int auth = SrtpProfile.AUTH_KEY_LENGTH;
        int salt = SrtpProfile.SALT_LENGTH;
        rtpCipherKey = AesCmPrf.derive(masterKey, masterSalt, AesCmPrf.LABEL_RTP_ENCRYPTION, key);
        rtpAuthKey = AesCmPrf.derive(masterKey, masterSalt, AesCmPrf.LABEL_RTP_AUTH, auth);
        rtpSalt = AesCmPrf.derive(masterKey, masterSalt, AesCmPrf.LABEL_RTP_SALT, salt);
        rtcpCipherKey = AesCmPrf.derive(masterKey, masterSalt, AesCmPrf.LABEL_RTCP_ENCRYPTION, key);
        rtcpAuthKey = AesCmPrf.derive(masterKey, masterSalt, AesCmPrf.LABEL_RTCP_AUTH, auth);
        rtcpSalt = AesCmPrf.derive(masterKey, masterSalt, AesCmPrf.LABEL_RTCP_SALT, salt);
    }

    /** Derives the session keys from a 16-byte master key and a 14-byte master salt. */
    public static SrtpKeys derive(SrtpProfile profile, byte[] masterKey, byte[] masterSalt) {
        if (masterKey.length != SrtpProfile.KEY_LENGTH || masterSalt.length != SrtpProfile.SALT_LENGTH) {
            throw new IllegalArgumentException("need a " + SrtpProfile.KEY_LENGTH + "-byte master key and a "
                    + SrtpProfile.SALT_LENGTH + "-byte master salt");
        }
        return new SrtpKeys(profile, masterKey, masterSalt);
    }

    /**
     * The keys of what the DTLS client sends, from the keying material exported with the label
     * "EXTRACTOR-dtls_srtp" (RFC 5764 §4.2: client key, server key, client salt, server salt).
     */
    public static SrtpKeys clientWrite(SrtpProfile profile, byte[] exported) {
        return fromExport(profile, exported, 0);
    }

    /** The keys of what the DTLS server sends; see {@link #clientWrite}. */
    public static SrtpKeys serverWrite(SrtpProfile profile, byte[] exported) {
        return fromExport(profile, exported, 1);
    }

    private static SrtpKeys fromExport(SrtpProfile profile, byte[] exported, int side) {
        if (exported.length != profile.dtlsExportLength()) {
            throw new IllegalArgumentException("DTLS-SRTP export must be " + profile.dtlsExportLength() + " bytes");
        }
        int key = SrtpProfile.KEY_LENGTH;
        int keyOffset = side * key;
        int saltOffset = 2 * key + side * SrtpProfile.SALT_LENGTH;
        return derive(profile,
                Arrays.copyOfRange(exported, keyOffset, keyOffset + key),
                Arrays.copyOfRange(exported, saltOffset, saltOffset + SrtpProfile.SALT_LENGTH));
    }

    public SrtpProfile profile() {
        return profile;
    }

    public byte[] rtpCipherKey() {
        return rtpCipherKey.clone();
    }

    public byte[] rtpAuthKey() {
        return rtpAuthKey.clone();
    }

    public byte[] rtpSalt() {
        return rtpSalt.clone();
    }

    public byte[] rtcpCipherKey() {
        return rtcpCipherKey.clone();
    }

    public byte[] rtcpAuthKey() {
        return rtcpAuthKey.clone();
    }

    public byte[] rtcpSalt() {
        return rtcpSalt.clone();
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "SrtpKeys[" + profile + "]";
    }
}
