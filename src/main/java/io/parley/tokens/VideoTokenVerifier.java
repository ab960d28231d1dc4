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
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Checks signature, algorithm, expiry, scope and application of a video token. Both platforms' tokens carry the
 * claims of Vonage's video tokens, so one verifier serves both; only the key and algorithm differ.
 */
public final class VideoTokenVerifier {

    /** The {@code scope} claim of every video token. */
    public static final String SCOPE = "session.connect";

    private final DefaultJWTParser parser;
    private final String applicationId;

    public VideoTokenVerifier(PublicKey key, SignatureAlgorithm algorithm, String applicationId) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(key, null);
        context.setSignatureAlgorithm(Set.of(algorithm));
        // video tokens name a session and a role, not a user principal
        context.setRequireNamedPrincipal(false);
        context.setExpGracePeriodSecs(0);
        this.parser = new DefaultJWTParser(context);
        this.applicationId = applicationId;
    }

    public TokenClaims verify(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            // the parser's message may quote the token: keep it out of responses and logs
            throw new InvalidTokenException("The token is malformed, tampered with or expired");
        }
        if (!SCOPE.equals(jwt.getClaim("scope"))) {
            throw new InvalidTokenException("The token is not a session token");
        }
        if (!applicationId.equals(jwt.getClaim("application_id"))) {
            throw new InvalidTokenException("The token belongs to another application");
        }
        String sessionId = jwt.getClaim("session_id");
        String role = jwt.getClaim("role");
        if (sessionId == null || role == null) {
            throw new InvalidTokenException("The token names no session or role");
        }
        Role parsedRole;
        try {
            parsedRole = Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("The token has an unknown role");
        }
        return new TokenClaims(sessionId, parsedRole, jwt.getClaim("connection_data"),
                Instant.ofEpochSecond(jwt.getExpirationTime()), jwt.getTokenID());
    }
}
