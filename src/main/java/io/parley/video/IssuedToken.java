package io.parley.video;

import java.time.Instant;

/** A token as handed to a client. */
public record IssuedToken(String token, String sessionId, String applicationId, Role role, Instant expiresAt) {
    @Override
    public String toString() {
        // the token is a credential: keep it out of logs
        return "IssuedToken[sessionId=" + sessionId + ", role=" + role + ", expiresAt=" + expiresAt + "]";
    }
}
