package io.parley.embedded.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/**
 * Counter mode built on AES/ECB: all counter blocks of a packet are encrypted in one JCE call into a
 * reused buffer, then XORed over the payload. Nothing is allocated per packet once the buffers have
 * grown to the largest packet seen. Not thread-safe: owned by one {@link SrtpContext}.
 */
final class EcbKeystream implements AesCm {
    /** Enough for a full-MTU packet; larger packets grow the buffers once. */
    private static final int INITIAL_BYTES = 1536;

    private final Cipher ecb;
    private byte[] counters = new byte[0];
    private byte[] keystream = new byte[0];

    EcbKeystream(Cipher initialisedEcb) {
        this.ecb = initialisedEcb;
        grow(INITIAL_BYTES);
    }

    @Override
    public void apply(byte[] iv, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws GeneralSecurityException {
        if (len <= 0) {
            return;
        }
        int bytes = (len + 15) & ~15;
        if (bytes > counters.length) {
            grow(bytes);
        }
        // Bytes 14-15 of each block hold the block counter and were written by grow(); only the
        // 14 bytes that depend on the salt, SSRC and index change from packet to packet.
        for (int block = 0; block < bytes; block += 16) {
            System.arraycopy(iv, 0, counters, block, 14);
        }
        ecb.doFinal(counters, 0, bytes, keystream, 0);
        for (int i = 0; i < len; i++) {
            out[outOff + i] = (byte) (in[inOff + i] ^ keystream[i]);
        }
    }

    private void grow(int bytes) {
        // SRTP's block counter is 16 bits (RFC 3711 §4.1.1), so one packet can use 2^16 blocks.
        counters = new byte[bytes];
        keystream = new byte[bytes];
        for (int block = 0, j = 0; block < bytes; block += 16, j++) {
            counters[block + 14] = (byte) (j >>> 8);
            counters[block + 15] = (byte) j;
        }
    }
}
