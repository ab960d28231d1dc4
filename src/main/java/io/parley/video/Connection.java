package io.parley.video;

import java.time.Instant;

/** One client connected to a session with a token. */
public record Connection(String id, String data, Role role, Instant createdAt) {
}
