package io.parley.tokens;

import io.parley.video.InvalidTokenException;
import io.parley.video.Role;
import io.parley.video.TokenClaims;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Checks signature, algorithm, expiry, lifetime, scope and application of a video token. Both platforms' tokens carry
 * the claims of Vonage's video tokens ({@link VideoTokenClaims}), so one verifier serves both; only the key and
 * algorithm differ.
 *
 * <p>A correctly signed token is still input: every claim is checked for its type before it is used, so a number or
 * an array where a string belongs is an {@link InvalidTokenException} (401, close code 4001), never a 500.
 */
public final class VideoTokenVerifier {

    /** The {@code scope} claim of every video token. */
    public static final String SCOPE = VideoTokenClaims.SESSION_CONNECT;

    private final DefaultJWTParser parser;
    private final String applicationId;
    private final Clock clock;

    public VideoTokenVerifier(PublicKey key, SignatureAlgorithm algorithm, String applicationId) {
        this(key, algorithm, applicationId, Clock.systemUTC());
    }

    public VideoTokenVerifier(PublicKey key, SignatureAlgorithm algorithm, String applicationId, Clock clock) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(key, null);
        context.setSignatureAlgorithm(Set.of(algorithm));
        // video tokens name a session and a role, not a user principal
        context.setRequireNamedPrincipal(false);
        context.setExpGracePeriodSecs(0);
        this.parser = new DefaultJWTParser(context);
        this.applicationId = applicationId;
        this.clock = clock;
    }

    public TokenClaims verify(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            // the parser's message may quote the token: keep it out of responses and logs
            throw new InvalidTokenException("The token is malformed, tampered with or expired");
        }
        if (!SCOPE.equals(optionalString(jwt, VideoTokenClaims.SCOPE))) {
            throw new InvalidTokenException("The token is not a session token");
        }
        if (!applicationId.equals(optionalString(jwt, VideoTokenClaims.APPLICATION_ID))) {
            throw new InvalidTokenException("The token belongs to another application");
        }
        String sessionId = optionalString(jwt, VideoTokenClaims.SESSION_ID);
        String role = optionalString(jwt, VideoTokenClaims.ROLE);
        if (sessionId == null || sessionId.isEmpty() || role == null) {
            throw new InvalidTokenException("The token names no session or role");
        }
        Role parsedRole;
        try {
            parsedRole = Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("The token has an unknown role");
        }
        checkTimes(jwt);
        return new TokenClaims(sessionId, parsedRole, optionalString(jwt, VideoTokenClaims.CONNECTION_DATA),
                Instant.ofEpochSecond(jwt.getExpirationTime()), optionalString(jwt, VideoTokenClaims.TOKEN_ID));
    }

    /**
     * The parser has checked {@code exp} against now; it does not bound the token's lifetime. A token issued in the
     * future, or living longer than any issuer may issue, was made by someone who should not hold the key's trust.
     */
    private void checkTimes(JsonWebToken jwt) {
        long issuedAt = jwt.getIssuedAtTime();
        long expiresAt = jwt.getExpirationTime();
        if (issuedAt <= 0) {
            throw new InvalidTokenException("The token has no issue time");
        }
        long now = clock.instant().getEpochSecond();
        if (issuedAt > now + VideoTokenClaims.CLOCK_SKEW.toSeconds()) {
            throw new InvalidTokenException("The token is issued in the future");
        }
        if (expiresAt - issuedAt > VideoTokenClaims.MAX_LIFETIME.toSeconds()) {
            throw new InvalidTokenException("The token lives longer than 30 days");
        }
    }

    /** A string claim, or null when absent; any other type is refused. */
    private static String optionalString(JsonWebToken jwt, String name) {
        if (!jwt.containsClaim(name)) {
            return null;
        }
        Object value = jwt.getClaim(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        throw new InvalidTokenException("The token's " + name + " claim is not a string");
    }
}
