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
    /** A broadcast's HLS files, each under {@code /media/broadcasts/{id}/{expires}/{signature}/}. */
    public static final String BROADCAST_PATH = "/media/broadcasts/";
    public static final String PLAYLIST = "index.m3u8";

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

    /**
     * The playlist URL of a broadcast, valid until {@code until}. The signature is in the path rather than the query,
     * so the segment names the playlist lists, relative to it, carry the same permission.
     */
    public String signBroadcast(String broadcastId, java.time.Instant until) {
        long expires = until.getEpochSecond();
        return BROADCAST_PATH + broadcastId + "/" + expires + "/" + signature(broadcastSubject(broadcastId), expires)
                + "/" + PLAYLIST;
    }

    public boolean verifyBroadcast(String broadcastId, String expires, String signature) {
        return broadcastId != null && verify(broadcastSubject(broadcastId), expires, signature);
    }

    /** Never an archive id (a UUID), so an archive's signature never opens a broadcast's files or the reverse. */
    private static String broadcastSubject(String broadcastId) {
        return "broadcast/" + broadcastId;
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
