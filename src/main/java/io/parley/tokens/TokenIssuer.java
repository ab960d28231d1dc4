package io.parley.tokens;

import io.parley.storage.SecretIds;
import io.parley.video.IssuedToken;
import io.parley.video.TokenSpec;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * Signs video tokens with the claims Vonage puts in its own ({@code scope}, {@code session_id}, lower-case
 * {@code role}, {@code connection_data}, {@code iat}, {@code exp}, {@code jti}), so that clients and tools read the
 * tokens of both platforms alike.
 */
public final class TokenIssuer {

    private final SigningKeys keys;
    private final String applicationId;
    private final Clock clock;

    public TokenIssuer(SigningKeys keys, String applicationId, Clock clock) {
        this.keys = keys;
        this.applicationId = applicationId;
        this.clock = clock;
    }

    public IssuedToken issue(String sessionId, TokenSpec spec) {
        Instant issuedAt = clock.instant();
        Instant expiresAt = issuedAt.plus(spec.ttl());
        JwtClaimsBuilder claims = Jwt.claims()
                .claim(VideoTokenClaims.APPLICATION_ID, applicationId)
                .claim(VideoTokenClaims.SCOPE, VideoTokenClaims.SESSION_CONNECT)
                .claim(VideoTokenClaims.SESSION_ID, sessionId)
                .claim(VideoTokenClaims.ROLE, spec.role().name().toLowerCase(Locale.ROOT))
                .claim(VideoTokenClaims.TOKEN_ID, SecretIds.random(16))
                .issuedAt(issuedAt.getEpochSecond())
                .expiresAt(expiresAt.getEpochSecond());
        if (spec.data() != null) {
            claims.claim(VideoTokenClaims.CONNECTION_DATA, spec.data());
        }
        String token = claims.jws().algorithm(SignatureAlgorithm.ES256).keyId(keys.keyId()).sign(keys.privateKey());
        return new IssuedToken(token, sessionId, applicationId, spec.role(), Instant.ofEpochSecond(expiresAt.getEpochSecond()));
    }
}
