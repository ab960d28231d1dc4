package io.parley.embedded.sessions;

import io.parley.storage.JsonStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** One JSON file per session under {@code sessions/}, all read at start-up: the data directory has one owner. */
public final class FileSessionStore implements SessionStore {

    private final JsonStore store;
    private final Path folder;
    private final Map<String, SessionRecord> sessions = new ConcurrentHashMap<>();

    public FileSessionStore(JsonStore store) {
        this.store = store;
        this.folder = store.folder("sessions");
        store.loadAll(folder, SessionRecord.class).forEach(s -> sessions.put(s.id(), s));
    }

    @Override
    public Uni<Void> save(SessionRecord session) {
        return Uni.createFrom().<Void>item(() -> {
            store.save(folder.resolve(session.id() + ".json"), session);
            sessions.put(session.id(), session);
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Override
    public Uni<Optional<SessionRecord>> find(String sessionId) {
        return Uni.createFrom().item(Optional.ofNullable(sessions.get(sessionId)));
    }
}
