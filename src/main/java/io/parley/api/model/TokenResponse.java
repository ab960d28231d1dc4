package io.parley.api.model;

import io.parley.video.IssuedToken;
import io.parley.video.Role;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@Schema(name = "Token", description = "A credential for one client to connect to one session")
public record TokenResponse(
        @Schema(description = "The token, a signed JWT") String token,
        String sessionId,
        @Schema(example = "parley") String applicationId,
        Role role,
        Instant expiresAt) {

    public static TokenResponse of(IssuedToken token) {
        return new TokenResponse(token.token(), token.sessionId(), token.applicationId(), token.role(),
                token.expiresAt());
    }

    @Override
    public String toString() {
        return "TokenResponse[sessionId=" + sessionId + ", role=" + role + "]";
    }
}
