package io.parley.storage.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.callbacks.CallbackOutbox;
import io.parley.embedded.sessions.SessionStore;
import io.parley.nodes.NodeStore;
import io.parley.rooms.RoomStore;
import io.parley.storage.KeyMaterial;
import io.parley.vonage.ArchiveStateStore;
import io.vertx.mutiny.sqlclient.Pool;

import java.time.Duration;

/** The PostgreSQL implementations of Parley's stores, over one pool; the schema is Flyway's (db/migration). */
public final class PostgresStore {

    private final Pool pool;
    private final StoreTimer timer;
    private final PgCallbackOutbox outbox;
    private final ObjectMapper json;

    public PostgresStore(Pool pool, ObjectMapper json, MeterRegistry registry, String replica, Duration claimLease,
                         boolean callbacksOn) {
        this.pool = pool;
        this.json = json;
        this.timer = new StoreTimer(registry);
        this.outbox = new PgCallbackOutbox(pool, json, replica, claimLease, callbacksOn, timer);
    }

    public KeyMaterial keys() {
        return new PgKeyMaterial(pool);
    }

    public RoomStore rooms() {
        return new PgRoomStore(pool, timer);
    }

    public SessionStore sessions() {
        return new PgSessionStore(pool, timer);
    }

    public NodeStore nodes() {
        return new PgNodeStore(pool, timer);
    }

    public CallbackOutbox outbox() {
        return outbox;
    }

    public ArchiveStateStore archiveStates() {
        return new PgArchiveStateStore(pool, json, outbox, timer);
    }
}
