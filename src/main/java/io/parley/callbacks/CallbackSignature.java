package io.parley.callbacks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The value of {@code X-Parley-Signature}: {@code sha256=} and the hex HMAC-SHA256 of the exact body bytes, keyed
 * with {@code parley.callbacks.secret}. A receiver recomputes it over the raw body it read and compares in constant
 * time.
 */
public final class CallbackSignature {

    public static final String HEADER = "X-Parley-Signature";
    public static final String TIMESTAMP_HEADER = "X-Parley-Timestamp";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public CallbackSignature(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a signature secret is required");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "CallbackSignature[HMAC-SHA256]";
    }
}
