package io.parley.rooms;

import io.parley.storage.SecretIds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Moderator keys are 192 random bits, so a plain SHA-256 is enough to store them: there is nothing to brute-force
 * that a slow password hash would protect.
 */
final class ModeratorKeys {

    private ModeratorKeys() {
    }

    static String newKey() {
        return SecretIds.random(24);
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time, so response times do not reveal how much of a guess was right. */
    static boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(presented).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
