package io.parley.embedded.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES counter mode as SRTP uses it (RFC 3711 §4.1.1): the keystream block j is AES(key, IV + j),
 * with j in the low 16 bits of the IV, which SRTP leaves zero. Two implementations, so the
 * benchmark can compare them; {@link SrtpContext} uses {@link Mode#JCE_CTR}, several times faster
 * (see package-info for the figures). ECB stays as the allocation-free reference.
 */
interface AesCm {

    /** Which JCE transformation produces the keystream. */
    enum Mode {
        /** AES/ECB over a reused buffer of counter blocks, XORed in Java. */
        ECB_KEYSTREAM,
        /** AES/CTR/NoPadding, re-initialised with the packet's IV for each packet. */
        JCE_CTR
    }

    /**
     * XORs the keystream for {@code iv} (16 bytes, last two zero) over {@code in[inOff, inOff+len)}
     * into {@code out[outOff...]}; {@code out} may be {@code in} at the same offset.
     */
    void apply(byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff) throws GeneralSecurityException;

    static AesCm create(Mode mode, byte[] key) {
        try {
            SecretKeySpec spec = new SecretKeySpec(key, "AES");
            if (mode == Mode.JCE_CTR) {
                return new JceCtr(Cipher.getInstance("AES/CTR/NoPadding"), spec);
            }
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, spec);
            return new EcbKeystream(ecb);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available in this JVM", e);
        }
    }
}
