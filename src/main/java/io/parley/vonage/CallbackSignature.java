package io.parley.vonage;

import io.parley.video.InvalidTokenException;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Checks that a callback comes from Vonage: Vonage signs callbacks with an HS256 JWT in {@code Authorization: Bearer},
 * keyed with the account's signature secret, and puts the body's SHA-256 in {@code payload_hash}. Without a secret
 * configured, callbacks are accepted (anyone could forge one) and a warning says so once.
 */
final class CallbackSignature {

    private static final Logger LOG = Logger.getLogger(CallbackSignature.class);
    private static final String BEARER = "bearer ";

    private final JwtConsumer consumer;
    private final AtomicBoolean warned = new AtomicBoolean();

    CallbackSignature(Optional<String> secret) {
        this.consumer = secret.filter(s -> !s.isBlank()).map(CallbackSignature::consumer).orElse(null);
    }

    private static JwtConsumer consumer(String secret) {
        return new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)))
                // Vonage's secrets may be shorter than HS256's recommended 256 bits; they are still the key
                .setRelaxVerificationKeyValidation()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.HMAC_SHA256)
                .setSkipDefaultAudienceValidation()
                .setAllowedClockSkewInSeconds(60)
                .build();
    }

    void verify(String authorization, String body) {
        if (consumer == null) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("parley.vonage.callback-secret is not set: Vonage callbacks are accepted unsigned");
            }
            return;
        }
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw new InvalidTokenException("The callback carries no signature (Authorization: Bearer)");
        }
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(authorization.substring(BEARER.length()).strip());
        } catch (InvalidJwtException e) {
            throw new InvalidTokenException("The callback's signature is not valid for Parley's signature secret");
        }
        checkPayloadHash(claims, body);
    }

    private static void checkPayloadHash(JwtClaims claims, String body) {
        String expected;
        try {
            expected = claims.getStringClaimValue("payload_hash");
        } catch (MalformedClaimException e) {
            throw new InvalidTokenException("The callback's payload_hash is not a string");
        }
        if (expected != null && !expected.equalsIgnoreCase(sha256Hex(body))) {
            throw new InvalidTokenException("The callback's body does not match its signed payload_hash");
        }
    }

    private static String sha256Hex(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
