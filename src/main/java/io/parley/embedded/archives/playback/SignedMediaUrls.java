package io.parley.embedded.archives.playback;

import io.parley.storage.KeyMaterial;
import io.parley.storage.SecretIds;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Short-lived signed URLs for archive media. A {@code <video>} element cannot send a bearer token, so the playback
 * route (which checks the caller) redirects to a URL whose signature is the permission: HMAC-SHA256 over the archive
 * id and the expiry, with a key every replica shares ({@link KeyMaterial}).
 */
public final class SignedMediaUrls {

    public static final Duration VALIDITY = Duration.ofMinutes(10);
    public static final String PATH = "/media/archives/";

    private final byte[] key;
    private final Clock clock;

    public SignedMediaUrls(KeyMaterial keys, Clock clock) {
        this.key = keys.getOrCreate("media-url-key",
                () -> SecretIds.random(32).getBytes(StandardCharsets.US_ASCII)).value();
        this.clock = clock;
    }

    public String sign(String archiveId) {
        long expires = clock.instant().plus(VALIDITY).getEpochSecond();
        return PATH + archiveId + "?expires=" + expires + "&signature=" + signature(archiveId, expires);
    }

    /** True when the signature is this server's and the URL has not expired. */
    public boolean verify(String archiveId, String expires, String signature) {
        if (archiveId == null || expires == null || signature == null) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return false;
        }
        if (expiry < clock.instant().getEpochSecond()) {
            return false;
        }
        return MessageDigest.isEqual(signature(archiveId, expiry).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String archiveId, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((archiveId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
