package io.parley.embedded.media.stun;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.zip.CRC32;

import static io.parley.embedded.media.stun.StunTypes.*;

/**
 * MESSAGE-INTEGRITY (RFC 8489 §14.5) and FINGERPRINT (§14.7): computing and checking them.
 *
 * <p>Both cover the message up to their own attribute, with the header's length field set as if that attribute ended the
 * message. The adjusted length is fed to the MAC and CRC byte by byte, so the datagram is never copied or modified.
 *
 * <p>An instance reuses its CRC and output buffer: one per receive thread (or per agent), not shared between threads.
 * {@link Mac} instances are not thread-safe either; callers keep one keyed Mac per password.
 */
public final class StunIntegrity {

    private final CRC32 crc = new CRC32();
    private final byte[] hmac = new byte[INTEGRITY_LENGTH];

    /**
     * A Mac for the short-term credential mechanism (RFC 8489 §9.1.1): the key is the password itself.
     * ICE passwords are ice-chars (RFC 8445 §5.3), ASCII, so OpaqueString leaves them unchanged.
     */
    public static Mac hmacSha1(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac;
        } catch (GeneralSecurityException e) {
            // Every Java SE implementation must provide HmacSHA1; without it the router cannot work at all.
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    }

    /** Decodes {@code message} and checks its MESSAGE-INTEGRITY against {@code key}; false when malformed or absent. */
    public static boolean verifyIntegrity(byte[] message, byte[] key) {
        StunMessage decoded = StunMessage.parse(message);
        return decoded != null && new StunIntegrity().checkIntegrity(decoded, hmacSha1(key));
    }

    /** Decodes {@code message} and checks its FINGERPRINT; false when malformed or absent. */
    public static boolean verifyFingerprint(byte[] message) {
        StunMessage decoded = StunMessage.parse(message);
        return decoded != null && new StunIntegrity().checkFingerprint(decoded);
    }

    /** Checks the MESSAGE-INTEGRITY of a decoded message in constant time; false when it has none. */
    public boolean checkIntegrity(StunMessage message, Mac keyed) {
        int at = message.messageIntegrityOffset();
        if (at < 0) {
            return false;
        }
        byte[] data = message.data();
        computeIntegrity(keyed, data, message.offset(), at, hmac, 0);
        int diff = 0;
        for (int i = 0; i < INTEGRITY_LENGTH; i++) {
            diff |= hmac[i] ^ data[at + 4 + i];
        }
        return diff == 0;
    }

    /** Checks the FINGERPRINT of a decoded message; false when it has none. */
    public boolean checkFingerprint(StunMessage message) {
        int at = message.fingerprintOffset();
        if (at < 0) {
            return false;
        }
        return computeFingerprint(message.data(), message.offset(), at) == StunMessage.readInt(message.data(), at + 4);
    }

    /**
     * HMAC-SHA1 of the message starting at {@code start} up to the MESSAGE-INTEGRITY attribute at {@code attributeAt},
     * with the length field counting up to the end of that attribute; written to {@code out} at {@code outOff}.
     */
    static void computeIntegrity(Mac keyed, byte[] data, int start, int attributeAt, byte[] out, int outOff) {
        int adjustedLength = attributeAt + 4 + INTEGRITY_LENGTH - start - HEADER_LENGTH;
        keyed.reset();
        keyed.update(data, start, 2);
        keyed.update((byte) (adjustedLength >>> 8));
        keyed.update((byte) adjustedLength);
        keyed.update(data, start + 4, attributeAt - start - 4);
        try {
            keyed.doFinal(out, outOff);
        } catch (ShortBufferException e) {
            // Callers always pass 20 bytes of room; reaching this is a programming error, not bad input.
            throw new IllegalStateException(e);
        }
    }

    /** CRC-32 xor 0x5354554e of the message up to the FINGERPRINT attribute at {@code attributeAt}, length adjusted. */
    int computeFingerprint(byte[] data, int start, int attributeAt) {
        int adjustedLength = attributeAt + 8 - start - HEADER_LENGTH;
        crc.reset();
        crc.update(data, start, 2);
        crc.update(adjustedLength >>> 8);
        crc.update(adjustedLength);
        crc.update(data, start + 4, attributeAt - start - 4);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }
}
