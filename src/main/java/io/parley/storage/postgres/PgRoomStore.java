package io.parley.storage.postgres;

import io.parley.rooms.Room;
import io.parley.rooms.RoomStore;
import io.parley.storage.SecretIds;
import io.parley.video.ArchiveMode;
import io.parley.video.MediaMode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.Optional;

/**
 * Rooms in the {@code room} table. The primary key on the name makes the reservation atomic across replicas: the
 * insert that wins is the creator, and a stale reservation is taken over by an update guarded on its age.
 */
public final class PgRoomStore implements RoomStore {

    private final Pool pool;
    private final StoreTimer timer;

    PgRoomStore(Pool pool, StoreTimer timer) {
        this.pool = pool;
        this.timer = timer;
    }

    @Override
    public Uni<Optional<Room>> find(String name) {
        return timer.time("room.find", () -> pool.preparedQuery("""
                        SELECT name, session_id, media_mode, archive_mode, moderator_key_hash, created_at
                        FROM room WHERE name = $1 AND session_id IS NOT NULL""")
                .execute(Tuple.of(name))
                .map(PgRoomStore::first));
    }

    @Override
    public Uni<Optional<String>> reserve(String name, Duration staleAfter) {
        String reservation = SecretIds.random(12);
        return timer.time("room.reserve", () -> pool.preparedQuery("""
                        INSERT INTO room (name, reservation, reserved_at) VALUES ($1, $2, now())
                        ON CONFLICT (name) DO UPDATE SET reservation = EXCLUDED.reservation, reserved_at = now()
                        WHERE room.session_id IS NULL AND room.reserved_at < now() - make_interval(secs => $3)
                        RETURNING reservation""")
                .execute(Tuple.of(name, reservation, (double) staleAfter.toMillis() / 1000))
                .map(rows -> rows.rowCount() == 1 ? Optional.of(reservation) : Optional.<String>empty()));
    }

    @Override
    public Uni<Boolean> complete(Room room, String reservation) {
        return timer.time("room.complete", () -> pool.preparedQuery("""
                        UPDATE room SET session_id = $3, media_mode = $4, archive_mode = $5,
                            moderator_key_hash = $6, created_at = $7, reservation = NULL
                        WHERE name = $1 AND reservation = $2 AND session_id IS NULL""")
                .execute(Tuple.tuple().addString(room.name()).addString(reservation).addString(room.sessionId())
                        .addString(room.mediaMode().name()).addString(room.archiveMode().name())
                        .addString(room.moderatorKeyHash()).addOffsetDateTime(Times.of(room.createdAt())))
                .map(rows -> rows.rowCount() == 1));
    }

    @Override
    public Uni<Void> release(String name, String reservation) {
        return timer.time("room.release", () -> pool.preparedQuery(
                        "DELETE FROM room WHERE name = $1 AND reservation = $2 AND session_id IS NULL")
                .execute(Tuple.of(name, reservation))
                .replaceWithVoid());
    }

    private static Optional<Room> first(RowSet<Row> rows) {
        if (!rows.iterator().hasNext()) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new Room(row.getString("name"), row.getString("session_id"),
                MediaMode.valueOf(row.getString("media_mode")), ArchiveMode.valueOf(row.getString("archive_mode")),
                row.getString("moderator_key_hash"), Times.instant(row, "created_at")));
    }
}
