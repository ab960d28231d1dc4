package io.parley.storage.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.video.Archive;
import io.parley.vonage.ArchiveStateStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.Optional;
import java.util.function.Function;

/**
 * Vonage archive states in {@code vonage_archive_state}. Each step runs in one transaction that holds an advisory
 * lock on the archive, so steps for one archive run one at a time across replicas (a missing row cannot be locked
 * with {@code FOR UPDATE}); the announcement goes into the outbox in that same transaction.
 */
public final class PgArchiveStateStore implements ArchiveStateStore {

    private final Pool pool;
    private final ObjectMapper json;
    private final PgCallbackOutbox outbox;
    private final StoreTimer timer;

    PgArchiveStateStore(Pool pool, ObjectMapper json, PgCallbackOutbox outbox, StoreTimer timer) {
        this.pool = pool;
        this.json = json;
        this.outbox = outbox;
        this.timer = timer;
    }

    @Override
    public <T> Uni<T> apply(String archiveId, Function<Optional<KnownArchive>, Step<T>> step) {
        return timer.time("archive-state.apply", () -> pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of("vonage-archive:" + archiveId))
                .chain(() -> connection.preparedQuery(
                                "SELECT archive, seen_at FROM vonage_archive_state WHERE archive_id = $1")
                        .execute(Tuple.of(archiveId)))
                .chain(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    Optional<KnownArchive> known = Optional.empty();
                    if (it.hasNext()) {
                        Row row = it.next();
                        known = Optional.of(new KnownArchive(read(row.getString("archive")),
                                Times.instant(row, "seen_at")));
                    }
                    Step<T> outcome = step.apply(known);
                    return keep(connection, archiveId, outcome)
                            .chain(() -> outcome.announce() == null ? Uni.createFrom().voidItem()
                                    : outbox.insert(connection, outcome.announce()))
                            .replaceWith(outcome.result());
                })));
    }

    private Uni<Void> keep(SqlConnection connection, String archiveId, Step<?> outcome) {
        if (outcome.keep() == null) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                        INSERT INTO vonage_archive_state (archive_id, archive, seen_at) VALUES ($1, $2, $3)
                        ON CONFLICT (archive_id) DO UPDATE SET archive = EXCLUDED.archive, seen_at = EXCLUDED.seen_at""")
                .execute(Tuple.of(archiveId, write(outcome.keep().archive()), Times.of(outcome.keep().seenAt())))
                .replaceWithVoid();
    }

    private String write(Archive archive) {
        try {
            return json.writeValueAsString(archive);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An archive could not be written as JSON", e);
        }
    }

    private Archive read(String value) {
        try {
            return json.readValue(value, Archive.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored archive state is not an archive", e);
        }
    }
}
