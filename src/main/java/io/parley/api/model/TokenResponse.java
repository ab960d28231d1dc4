package io.parley.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.video.IssuedToken;
import io.parley.video.Role;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Token", description = "A credential for one client to connect to one session")
public record TokenResponse(
        @Schema(description = "The token, a signed JWT") String token,
        String sessionId,
        @Schema(example = "parley") String applicationId,
        Role role,
        Instant expiresAt,
        @Schema(description = "Embedded platform with several media nodes: the signaling WebSocket of the node that "
                + "carries the session. Absent when the server that answered is the place to connect.",
                example = "wss://parley-media-1.example.com/rtc")
        String signalingUrl) {

    public static TokenResponse of(IssuedToken token) {
        return new TokenResponse(token.token(), token.sessionId(), token.applicationId(), token.role(),
                token.expiresAt(), token.signalingUrl());
    }

    @Override
    public String toString() {
        return "TokenResponse[sessionId=" + sessionId + ", role=" + role + "]";
    }
}
