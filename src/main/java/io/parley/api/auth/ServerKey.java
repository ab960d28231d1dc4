package io.parley.api.auth;

import io.parley.storage.FileKeyMaterial;
import io.parley.storage.KeyMaterial;
import io.parley.storage.SecretIds;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The server key. Configured, or generated on first start and kept in the store's key material (shared by every replica); the log says where to find
 * it, never what it is.
 */
// made at start-up, so that a first start says at once where its generated key is
@Startup
@ApplicationScoped
public class ServerKey {

    private static final Logger LOG = Logger.getLogger(ServerKey.class);
    static final int MIN_LENGTH = 16;

    private final byte[] key;

    public ServerKey(ApiConfig config, KeyMaterial keys) {
        String value = config.serverKey().orElseGet(() -> shared(keys));
        if (value.length() < MIN_LENGTH) {
            throw new IllegalStateException("parley.api.server-key must be at least " + MIN_LENGTH
                    + " characters long");
        }
        this.key = value.getBytes(StandardCharsets.UTF_8);
    }

    private static String shared(KeyMaterial keys) {
        KeyMaterial.Stored stored = keys.getOrCreate("server-key",
                () -> SecretIds.random(32).getBytes(StandardCharsets.UTF_8));
        if (stored.created()) {
            LOG.infof("Generated a server API key: read it from %s (or set parley.api.server-key)",
                    keys instanceof FileKeyMaterial files ? files.fileOf("server-key")
                            : "the store's key_material table, name 'server-key'");
        }
        return new String(stored.value(), StandardCharsets.UTF_8).strip();
    }

    /**
     * A signature of {@code subject} with the server key (HMAC-SHA256, base64url): what one node shows another that
     * a request comes from a node of the same Parley, without sending the key.
     */
    public String sign(String subject) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(subject.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether {@code signature} is {@link #sign}'s of {@code subject}, compared in constant time. */
    public boolean signed(String subject, String signature) {
        return signature != null && MessageDigest.isEqual(sign(subject).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** Constant-time comparison, so response times do not reveal how much of a guess was right. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
    }
}
