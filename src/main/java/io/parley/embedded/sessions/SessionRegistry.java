package io.parley.embedded.sessions;

import io.parley.storage.JsonStore;
import io.parley.storage.SecretIds;
import io.parley.video.SessionSpec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The embedded platform's sessions: held in memory, one JSON file each under {@code sessions/}, so that rooms and
 * tokens that name a session still work after a restart.
 */
public final class SessionRegistry {

    /** Session ids are 24 random bytes, base64url: 192 bits nobody can guess. */
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{32}");

    private final JsonStore store;
    private final Path folder;
    private final Clock clock;
    private final Map<String, SessionRecord> sessions = new ConcurrentHashMap<>();

    public SessionRegistry(JsonStore store, Clock clock) {
        this.store = store;
        this.folder = store.folder("sessions");
        this.clock = clock;
        store.loadAll(folder, SessionRecord.class).forEach(s -> sessions.put(s.id(), s));
    }

    public SessionRecord create(SessionSpec spec) {
        SessionRecord session = new SessionRecord(SecretIds.random(24), spec.mediaMode(), spec.archiveMode(),
                clock.instant());
        store.save(folder.resolve(session.id() + ".json"), session);
        sessions.put(session.id(), session);
        return session;
    }

    public Optional<SessionRecord> find(String sessionId) {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(sessions.get(sessionId));
    }

    public int size() {
        return sessions.size();
    }
}
