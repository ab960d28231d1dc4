package io.parley.embedded.sessions;

import io.parley.storage.SecretIds;
import io.parley.video.SessionSpec;
import io.smallrye.mutiny.Uni;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The embedded platform's sessions, kept in the {@link SessionStore} so that rooms and tokens that name a session
 * work after a restart and on every replica. A session never changes once created, so what this replica has seen is
 * remembered and asked for only once.
 */
public final class SessionRegistry {

    /** Session ids are 24 random bytes, base64url: 192 bits nobody can guess. */
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{32}");

    private final SessionStore store;
    private final Clock clock;
    private final Map<String, SessionRecord> known = new ConcurrentHashMap<>();

    public SessionRegistry(SessionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Uni<SessionRecord> create(SessionSpec spec) {
        SessionRecord session = new SessionRecord(SecretIds.random(24), spec.mediaMode(), spec.archiveMode(),
                clock.instant());
        return store.save(session).invoke(() -> known.put(session.id(), session)).replaceWith(session);
    }

    /** The session, asking the store if this replica has not seen it yet. */
    public Uni<Optional<SessionRecord>> lookup(String sessionId) {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            return Uni.createFrom().item(Optional.empty());
        }
        SessionRecord seen = known.get(sessionId);
        if (seen != null) {
            return Uni.createFrom().item(Optional.of(seen));
        }
        return store.find(sessionId).invoke(found -> found.ifPresent(s -> known.put(s.id(), s)));
    }

    /** The session if this replica has seen it: enough for sessions that have live participants here. */
    public Optional<SessionRecord> find(String sessionId) {
        return sessionId == null ? Optional.empty() : Optional.ofNullable(known.get(sessionId));
    }
}
