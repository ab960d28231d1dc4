package io.parley.embedded.media.srtp;


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
