package io.parley.storage;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers and keys: 128 bits or more from a CSPRNG, URL-safe. */
public final class SecretIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SecretIds() {
    }

    public static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return ENCODER.encodeToString(buffer);
    }
}
