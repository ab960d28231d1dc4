package io.parley.embedded.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA1 authentication tags (RFC 3711 §4.2.1) with a reused Mac and digest buffer. Not
 * thread-safe: owned by one {@link SrtpContext}.
 */
final class HmacSha1Tag {
    private final Mac mac;
    private final byte[] roc = new byte[4];
    private final byte[] digest = new byte[20];

    HmacSha1Tag(byte[] authKey) {
        try {
            mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authKey, "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available in this JVM", e);
        }
    }

    /** SRTP: the MAC covers the authenticated portion and then the 32-bit ROC (RFC 3711 §4.2). */
    void computeRtp(byte[] packet, int off, int len, int rolloverCounter) throws GeneralSecurityException {
        roc[0] = (byte) (rolloverCounter >>> 24);
        roc[1] = (byte) (rolloverCounter >>> 16);
        roc[2] = (byte) (rolloverCounter >>> 8);
        roc[3] = (byte) rolloverCounter;
        mac.update(packet, off, len);
        mac.update(roc, 0, 4);
        mac.doFinal(digest, 0);
    }

    /** SRTCP: the MAC covers the packet up to and including the E flag and SRTCP index (§3.4). */
    void computeRtcp(byte[] packet, int off, int len) throws GeneralSecurityException {
        mac.update(packet, off, len);
        mac.doFinal(digest, 0);
    }

    /** Writes the last computed tag, truncated to its leftmost {@code tagLength} bytes (§4.2). */
    void write(byte[] out, int off, int tagLength) {
        System.arraycopy(digest, 0, out, off, tagLength);
    }

    /**
     * Whether the received tag equals the last computed one. Constant time like
     * MessageDigest.isEqual, so the tag cannot be guessed byte by byte from timing, but compared in
     * place instead of copying the received tag into a new array.
     */
    boolean matches(byte[] packet, int tagOff, int tagLength) {
        int diff = 0;
        for (int i = 0; i < tagLength; i++) {
            diff |= digest[i] ^ packet[tagOff + i];
        }
        return diff == 0;
    }
}
