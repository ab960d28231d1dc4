package io.parley.vonage;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Vonage's archive callbacks, signed the way Vonage signs them (HS256 with the signature secret, payload_hash). */
public final class VonageCallbackFixtures {

    private VonageCallbackFixtures() {
    }

    public static String callback(String archiveId, String sessionId, String status) {
        return """
                {"id":"%s","event":"archive","status":"%s","name":"standup","sessionId":"%s",
                 "createdAt":1700000000000,"duration":60,"size":2048,"reason":"session ended",
                 "url":"https://media.example/archive.mp4","partnerId":12345678,"outputMode":"composed"}
                """.formatted(archiveId, status, sessionId);
    }

    public static String sign(String body, String secret) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuedAtToNow();
            claims.setGeneratedJwtId();
            claims.setClaim("api_key", "12345678");
            claims.setClaim("payload_hash", HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8))));
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
