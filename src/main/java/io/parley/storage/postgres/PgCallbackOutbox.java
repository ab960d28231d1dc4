package io.parley.storage.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.callbacks.CallbackOutbox;
import io.parley.callbacks.StatusChangeJson;
import io.parley.video.StatusChange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The outbox in {@code callback_outbox}. A claim takes due rows with {@code FOR UPDATE SKIP LOCKED}, so that two
 * replicas never take the same row at once, and only the earliest pending row of each archive, so that an archive's
 * changes go out in order; the claim is a lease ({@code claim_until}), so that the rows of a replica that died go
 * to another when it ends. Times are the database's, so replicas' clocks need not agree.
 */
public final class PgCallbackOutbox implements CallbackOutbox {

    private final Pool pool;
    private final ObjectMapper json;
    private final String replica;
    private final Duration lease;
    private final boolean enabled;
    private final StoreTimer timer;

    PgCallbackOutbox(Pool pool, ObjectMapper json, String replica, Duration lease, boolean enabled,
                     StoreTimer timer) {
        this.pool = pool;
        this.json = json;
        this.replica = replica;
        this.lease = lease;
        this.enabled = enabled;
        this.timer = timer;
    }

    @Override
    public Uni<Void> add(StatusChange change) {
        return timer.time("outbox.add", () -> insert(pool, change));
    }

    /** Records {@code change} through {@code client}, which may be a connection inside the caller's transaction. */
    Uni<Void> insert(SqlClient client, StatusChange change) {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("INSERT INTO callback_outbox (event_id, archive_id, change) VALUES ($1, $2, $3)")
                .execute(Tuple.of(UUID.randomUUID(), change.subjectId(), write(change)))
                .replaceWithVoid();
    }

    @Override
    public Uni<List<PendingCallback>> claim(int max) {
        return timer.time("outbox.claim", () -> pool.preparedQuery("""
                        WITH due AS (
                            SELECT c.seq FROM callback_outbox c
                            WHERE c.abandoned_at IS NULL AND c.due_at <= now()
                              AND (c.claim_until IS NULL OR c.claim_until < now())
                              AND NOT EXISTS (SELECT 1 FROM callback_outbox e
                                              WHERE e.archive_id = c.archive_id AND e.abandoned_at IS NULL
                                                AND e.seq < c.seq)
                            ORDER BY c.seq
                            LIMIT $3
                            FOR UPDATE SKIP LOCKED)
                        UPDATE callback_outbox o SET claimed_by = $1, claim_until = now() + make_interval(secs => $2)
                        FROM due WHERE o.seq = due.seq
                        RETURNING o.seq, o.event_id, o.change, o.attempts""")
                .execute(Tuple.of(replica, seconds(lease), max))
                .map(rows -> {
                    List<PendingCallback> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new PendingCallback(row.getLong("seq"), row.getUUID("event_id"),
                                read(row.getString("change")), row.getInteger("attempts")));
                    }
                    claimed.sort(Comparator.comparingLong(PendingCallback::sequence));
                    return claimed;
                }));
    }

    @Override
    public Uni<Void> delivered(PendingCallback callback) {
        return timer.time("outbox.delivered", () -> pool.preparedQuery("DELETE FROM callback_outbox WHERE seq = $1")
                .execute(Tuple.of(callback.sequence()))
                .replaceWithVoid());
    }

    @Override
    public Uni<Void> retryAt(PendingCallback callback, Instant when, String error) {
        Duration delay = Duration.between(Instant.now(), when);
        return timer.time("outbox.retry", () -> pool.preparedQuery("""
                        UPDATE callback_outbox SET attempts = attempts + 1, last_error = $2,
                            due_at = now() + make_interval(secs => $3), claimed_by = NULL, claim_until = NULL
                        WHERE seq = $1""")
                .execute(Tuple.of(callback.sequence(), error, seconds(delay.isNegative() ? Duration.ZERO : delay)))
                .replaceWithVoid());
    }

    @Override
    public Uni<Void> abandon(PendingCallback callback, String reason) {
        return timer.time("outbox.abandon", () -> pool.preparedQuery("""
                        UPDATE callback_outbox SET attempts = attempts + 1, last_error = $2, abandoned_at = now(),
                            claimed_by = NULL, claim_until = NULL
                        WHERE seq = $1""")
                .execute(Tuple.of(callback.sequence(), reason))
                .replaceWithVoid());
    }

    @Override
    public Uni<Void> releaseClaims() {
        return pool.preparedQuery(
                        "UPDATE callback_outbox SET claimed_by = NULL, claim_until = NULL WHERE claimed_by = $1")
                .execute(Tuple.of(replica))
                .replaceWithVoid();
    }

    @Override
    public Uni<Backlog> backlog() {
        return timer.time("outbox.backlog", () -> pool.query("""
                        SELECT count(*) AS pending,
                               COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest
                        FROM callback_outbox WHERE abandoned_at IS NULL""")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Backlog(row.getLong("pending"),
                            Duration.ofMillis((long) (row.getDouble("oldest") * 1000)));
                }));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private String write(StatusChange change) {
        return StatusChangeJson.write(json, change);
    }

    private StatusChange read(String value) {
        return StatusChangeJson.read(json, value);
    }
}
