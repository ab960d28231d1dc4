package io.parley.storage.postgres;

import io.parley.embedded.sessions.SessionRecord;
import io.parley.embedded.sessions.SessionStore;
import io.parley.video.ArchiveMode;
import io.parley.video.MediaMode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.Optional;

/** The embedded platform's sessions in {@code embedded_session}. */
public final class PgSessionStore implements SessionStore {

    private final Pool pool;
    private final StoreTimer timer;

    PgSessionStore(Pool pool, StoreTimer timer) {
        this.pool = pool;
        this.timer = timer;
    }

    @Override
    public Uni<Void> save(SessionRecord session) {
        return timer.time("session.save", () -> pool.preparedQuery(
                        "INSERT INTO embedded_session (id, media_mode, archive_mode, created_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(session.id(), session.mediaMode().name(), session.archiveMode().name(),
                        Times.of(session.createdAt())))
                .replaceWithVoid());
    }

    @Override
    public Uni<Optional<SessionRecord>> find(String sessionId) {
        return timer.time("session.find", () -> pool.preparedQuery(
                        "SELECT id, media_mode, archive_mode, created_at FROM embedded_session WHERE id = $1")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    return Optional.of(new SessionRecord(row.getString("id"),
                            MediaMode.valueOf(row.getString("media_mode")),
                            ArchiveMode.valueOf(row.getString("archive_mode")), Times.instant(row, "created_at")));
                }));
    }
}
