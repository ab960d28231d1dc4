package io.parley.vonage;

import io.parley.video.InvalidTokenException;
import io.parley.video.Role;
import io.parley.video.TokenClaims;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.Set;

/**
 * Verifies the video tokens the SDK signed (RS256 with the application's private key) against the public half of
 * that key, so a token holder can call Parley's API without Parley asking Vonage.
 */
final class VonageTokenVerifier {

    private static final String SCOPE = "session.connect";

    private final DefaultJWTParser parser;
    private final String applicationId;

    VonageTokenVerifier(VonageCredentials credentials) {
        JWTAuthContextInfo context = new JWTAuthContextInfo(credentials.publicKey(), null);
        context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        // video tokens name a session and a role, not a user principal
        context.setRequireNamedPrincipal(false);
        context.setExpGracePeriodSecs(0);
        this.parser = new DefaultJWTParser(context);
        this.applicationId = credentials.applicationId();
    }

    TokenClaims verify(String token) {
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
            parsedRole = VonageMapper.role(role);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("The token has a role Parley does not know");
        }
        return new TokenClaims(sessionId, parsedRole, jwt.getClaim("connection_data"),
                Instant.ofEpochSecond(jwt.getExpirationTime()), jwt.getTokenID());
    }
}
