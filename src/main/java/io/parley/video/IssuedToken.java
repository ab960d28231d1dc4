package io.parley.video;

import java.time.Instant;

/**
 * A token as handed to a client; {@code signalingUrl}, when not null, is where the client connects for its session
 * (the embedded platform's media node that carries it).
 */
public record IssuedToken(String token, String sessionId, String applicationId, Role role, Instant expiresAt,
                          String signalingUrl) {

    public IssuedToken(String token, String sessionId, String applicationId, Role role, Instant expiresAt) {
        this(token, sessionId, applicationId, role, expiresAt, null);
    }

    /** The same token, to be used at {@code url}. */
    public IssuedToken at(String url) {
        return new IssuedToken(token, sessionId, applicationId, role, expiresAt, url);
    }
    @Override
    public String toString() {
        // the token is a credential: keep it out of logs
        return "IssuedToken[sessionId=" + sessionId + ", role=" + role + ", expiresAt=" + expiresAt + "]";
    }
}
