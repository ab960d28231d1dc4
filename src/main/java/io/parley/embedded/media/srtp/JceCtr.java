package io.parley.embedded.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Counter mode through the JCE's own AES/CTR/NoPadding. Its counter carries into all 128 bits where
 * SRTP's carries into 16, which is the same for every packet shorter than 2^16 blocks (1 MiB).
 * Needs a {@code Cipher.init} (and an IvParameterSpec) per packet. Not thread-safe.
 */
final class JceCtr implements AesCm {
    private final Cipher ctr;
    private final SecretKeySpec key;

    JceCtr(Cipher ctr, SecretKeySpec key) {
        this.ctr = ctr;
        this.key = key;
    }

    @Override
    public void apply(byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws GeneralSecurityException {
        if (len <= 0) {
            return;
        }
        ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        ctr.doFinal(in, inOff, len, out, outOff);
    }
}
