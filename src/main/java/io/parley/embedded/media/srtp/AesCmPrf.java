package io.parley.embedded.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The default SRTP key derivation function (RFC 3711 §4.3): AES in counter mode keyed with the
 * master key, started at (label || r) XOR master salt, shifted left 16 bits. With the
 * key_derivation_rate 0 that DTLS-SRTP uses, r is always 0, so every session key is derived once.
 */
final class AesCmPrf {
    static final int LABEL_RTP_ENCRYPTION = 0x00;
    static final int LABEL_RTP_AUTH = 0x01;
    static final int LABEL_RTP_SALT = 0x02;
    static final int LABEL_RTCP_ENCRYPTION = 0x03;
    static final int LABEL_RTCP_AUTH = 0x04;
    static final int LABEL_RTCP_SALT = 0x05;

    private AesCmPrf() {
    }

    /** The first {@code length} bytes of the PRF's output for {@code label}. */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        // key_id = label || r is 56 bits (r is 48 bits of zero); aligned to the right of the
        // 112-bit salt, the label lands on byte 7 (RFC 3711 §4.3.1).
        byte[] x = new byte[16];
        System.arraycopy(masterSalt, 0, x, 0, SrtpProfile.SALT_LENGTH);
        x[7] ^= (byte) label;
        try {
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"));
            byte[] out = new byte[length];
            new EcbKeystream(ecb).apply(x, out, 0, length, out, 0);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available in this JVM", e);
        }
    }
}
