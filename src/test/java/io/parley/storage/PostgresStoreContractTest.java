package io.parley.storage;

import io.parley.callbacks.CallbackOutbox;
import io.parley.callbacks.CallbackOutbox.PendingCallback;
import io.parley.embedded.sessions.SessionStore;
import io.parley.rooms.RoomStore;
import io.parley.storage.postgres.PostgresStore;
import io.parley.testing.PostgresServer;
import io.parley.testing.TestConfigs;
import io.parley.video.ArchiveStatus;
import io.parley.vonage.ArchiveStateStore;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store contract against a real PostgreSQL ({@code parley.store=postgres}), schema by the application's own
 * Flyway migrations; plus what only a shared store can show: two replicas claiming from one outbox.
 */
class PostgresStoreContractTest extends StoreContract {

    private static Vertx vertx;
    private final List<Pool> pools = new ArrayList<>();
    private String database;
    private int replicas;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void freshDatabase() {
        PostgresServer server = PostgresServer.shared();
        database = server.newDatabase("contract");
        Flyway.configure().dataSource(server.jdbcUrl(database), server.user(), "").load().migrate();
    }

    @AfterEach
    void closePools() {
        pools.forEach(p -> p.close().await().atMost(Duration.ofSeconds(10)));
    }

    @Override
    protected Stores open() {
        PostgresServer server = PostgresServer.shared();
        PgConnectOptions connect = new PgConnectOptions().setHost("127.0.0.1").setPort(server.port())
                .setDatabase(database).setUser(server.user());
        Pool pool = Pool.newInstance(PgPool.pool(vertx, connect, new PoolOptions().setMaxSize(8)));
        pools.add(pool);
        PostgresStore store = new PostgresStore(pool, TestConfigs.mapper(), null, "replica-" + (++replicas),
                Duration.ofSeconds(30), true);
        KeyMaterial keys = store.keys();
        RoomStore rooms = store.rooms();
        SessionStore sessions = store.sessions();
        ArchiveStateStore states = store.archiveStates();
        return new Stores() {
            @Override
            public KeyMaterial keys() {
                return keys;
            }

            @Override
            public RoomStore rooms() {
                return rooms;
            }

            @Override
            public SessionStore sessions() {
                return sessions;
            }

            @Override
            public CallbackOutbox outbox() {
                return store.outbox();
            }

            @Override
            public ArchiveStateStore archiveStates() {
                return states;
            }
        };
    }

    @Override
    protected boolean reservationsAreShared() {
        return true;
    }

    @Test
    void twoReplicasClaimingAtOnceNeverTakeTheSameCallback() throws Exception {
        CallbackOutbox a = open().outbox();
        CallbackOutbox b = open().outbox();
        for (int i = 0; i < 60; i++) {
            await(a.add(change("archive-" + i, ArchiveStatus.STARTED)));
        }
        List<List<PendingCallback>> claims = concurrently(6, i -> await((i % 2 == 0 ? a : b).claim(15)));
        Set<Long> seen = new HashSet<>();
        int total = 0;
        for (List<PendingCallback> claim : claims) {
            for (PendingCallback callback : claim) {
                assertThat(seen.add(callback.sequence())).as("claimed twice: %s", callback.sequence()).isTrue();
                total++;
            }
        }
        assertThat(total).isEqualTo(60);
    }

    @Test
    void aClaimOfAReplicaThatStoppedGoesBackToTheOthers() {
        CallbackOutbox a = open().outbox();
        CallbackOutbox b = open().outbox();
        await(a.add(change("archive", ArchiveStatus.STARTED)));
        assertThat(await(a.claim(5))).hasSize(1);
        assertThat(await(b.claim(5))).isEmpty();
        await(a.releaseClaims());
        assertThat(await(b.claim(5))).hasSize(1);
    }
}
