package io.parley.embedded.sessions;

import io.smallrye.mutiny.Uni;

import java.util.Optional;

/** Where the embedded platform's sessions are kept, so that every replica, and a restart, knows them. */
public interface SessionStore {

    Uni<Void> save(SessionRecord session);

    Uni<Optional<SessionRecord>> find(String sessionId);
}
