package io.parley.video;

import java.time.Instant;

/** What a verified token says about its holder. */
public record TokenClaims(String sessionId, Role role, String connectionData, Instant expiresAt, String tokenId) {
}
