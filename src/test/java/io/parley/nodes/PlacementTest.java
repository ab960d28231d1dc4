package io.parley.nodes;

import io.parley.storage.postgres.PostgresStore;
import io.parley.testing.PostgresServer;
import io.parley.testing.TestConfigs;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three nodes' placement over one real PostgreSQL node map: spreading, holding, taking over a dead node's sessions,
 * draining, releasing, and where archives are.
 */
class PlacementTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static Vertx vertx;
    private Pool pool;
    private final List<Placement> nodes = new ArrayList<>();
    private final Map<String, AtomicInteger> loads = new HashMap<>();
    private final Map<String, Set<String>> carrying = new HashMap<>();
    private final List<String> moves = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void nodeMap() {
        pool = PostgresServer.shared().migratedPool(vertx, "placement", 8);
    }

    @AfterEach
    void closeAll() {
        nodes.forEach(Placement::stop);
        pool.close().await().atMost(WAIT);
    }

    /** A started node whose load is what the test says; heartbeats every 100 ms, lease 600 ms. */
    private Placement node(String id) {
        NodeStore store = new PostgresStore(pool, TestConfigs.mapper(), null, id, Duration.ofSeconds(30), false)
                .nodes();
        AtomicInteger load = loads.computeIfAbsent(id, k -> new AtomicInteger());
        Set<String> sessions = carrying.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet());
        NodeLoad carried = new NodeLoad() {
            @Override
            public int load() {
                return load.get();
            }

            @Override
            public boolean hasSessions() {
                return load.get() > 0;
            }

            @Override
            public Set<String> sessionIds() {
                return Set.copyOf(sessions);
            }

            @Override
            public void move(String sessionId, String signalingUrl) {
                sessions.remove(sessionId);
                moves.add(id + " " + sessionId + " -> " + signalingUrl);
            }

            @Override
            public void moveEveryone() {
                load.set(0);
            }
        };
        Placement placement = new Placement(store, new FastNodes(), () -> carried, vertx, id,
                URI.create("http://127.0.0.1:" + (8000 + nodes.size())));
        placement.start();
        nodes.add(placement);
        return placement;
    }

    @Test
    void newSessionsSpreadOverTheLiveNodesAndStayWhereTheyArePlaced() {
        Placement a = node("a");
        node("b");
        node("c");
        Map<String, Integer> placed = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            MediaNode carrier = a.place("session-" + i).await().atMost(WAIT).orElseThrow();
            placed.merge(carrier.id(), 1, Integer::sum);
        }
        assertThat(placed).containsOnlyKeys("a", "b", "c");
        assertThat(placed.values()).allSatisfy(count -> assertThat(count).isBetween(5, 15));

        String first = a.place("session-0").await().atMost(WAIT).orElseThrow().id();
        for (Placement node : nodes) {
            assertThat(node.place("session-0").await().atMost(WAIT).orElseThrow().id()).isEqualTo(first);
            assertThat(node.claim("session-0").await().atMost(WAIT).id()).isEqualTo(first);
        }
        assertThat(a.place("session-0").await().atMost(WAIT).orElseThrow().signalingUrl())
                .matches("ws://127\\.0\\.0\\.1:800[0-2]/rtc");
    }

    @Test
    void theLeastLoadedNodeTakesANewSession() {
        Placement a = node("a");
        node("b");
        loads.get("a").set(40);
        loads.get("b").set(3);
        // the next heartbeat reports the loads
        sleep(300);
        assertThat(a.place("busy-or-not").await().atMost(WAIT).orElseThrow().id()).isEqualTo("b");
    }

    @Test
    void aDeadNodesSessionsGoToTheNodeTheNextParticipantConnectsThrough() {
        Placement a = node("a");
        Placement b = node("b");
        assertThat(b.claim("standup").await().atMost(WAIT).id()).isEqualTo("b");
        assertThat(a.claim("standup").await().atMost(WAIT).id()).isEqualTo("b");
        assertThat(a.holderElsewhere("standup").await().atMost(WAIT)).map(MediaNode::id).contains("b");

        b.stop(); // as kill -9: no more heartbeats, nothing cleaned up
        sleep(900);
        assertThat(a.holderElsewhere("standup").await().atMost(WAIT)).isEmpty();
        assertThat(a.claim("standup").await().atMost(WAIT).id()).isEqualTo("a");
        assertThat(a.liveSignalingUrls()).containsExactly("ws://127.0.0.1:8000/rtc");
    }

    @Test
    void aDrainingNodeTakesNoNewSessionsAndLeavesWhenItsSessionsEnd() {
        Placement a = node("a");
        Placement b = node("b");
        assertThat(b.claim("kept").await().atMost(WAIT).id()).isEqualTo("b");
        loads.get("b").set(2);
        Thread drain = new Thread(b::drain);
        drain.start();
        sleep(300);
        for (int i = 0; i < 10; i++) {
            assertThat(a.place("new-" + i).await().atMost(WAIT).orElseThrow().id()).isEqualTo("a");
        }
        // a participant connecting to the draining node is sent on, but its session stays until b leaves
        assertThat(b.claim("fresh").await().atMost(WAIT).id()).isEqualTo("a");
        assertThat(a.claim("kept").await().atMost(WAIT).id()).isEqualTo("b");

        loads.get("b").set(0); // its last participant left
        join(drain);
        assertThat(a.claim("kept").await().atMost(WAIT).id()).isEqualTo("a");
    }

    @Test
    void aDrainWithNoSessionsIsImmediateAndOneWithSessionsMovesThemAtTheTimeout() {
        Placement a = node("a");
        long began = System.nanoTime();
        a.drain();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));

        Placement b = node("b");
        node("c");
        assertThat(b.claim("stuck").await().atMost(WAIT).id()).isEqualTo("b");
        loads.get("b").set(5);
        b.drain(); // FastNodes: 1 s to drain, then everyone is moved
        assertThat(loads.get("b").get()).isZero();
        assertThat(nodes.get(2).claim("stuck").await().atMost(WAIT).id()).isEqualTo("c");
    }

    @Test
    void aSessionWhoseLastParticipantLeftMayBePlacedAnew() {
        Placement a = node("a");
        node("b");
        assertThat(a.claim("ended").await().atMost(WAIT).id()).isEqualTo("a");
        a.ended("ended");
        sleep(400); // released a heartbeat later
        assertThat(nodes.get(1).claim("ended").await().atMost(WAIT).id()).isEqualTo("b");
    }

    @Test
    void aLiveSessionWhoseRowWasReleasedIsPlacedHereAgainByTheNextHeartbeat() {
        Placement a = node("a");
        Placement b = node("b");
        assertThat(a.claim("back-at-once").await().atMost(WAIT).id()).isEqualTo("a");
        carrying.get("a").add("back-at-once");
        // the release of the participant who left lands after the one who came back joined
        new PostgresStore(pool, TestConfigs.mapper(), null, "x", Duration.ofSeconds(30), false).nodes()
                .release("back-at-once", "a").await().atMost(WAIT);
        sleep(400);
        assertThat(b.claim("back-at-once").await().atMost(WAIT).id()).isEqualTo("a");
        assertThat(moves).isEmpty();
    }

    @Test
    void aSessionCarriedByTwoNodesMovesToTheOneTheMapNames() {
        Placement a = node("a");
        Placement b = node("b");
        assertThat(b.claim("split").await().atMost(WAIT).id()).isEqualTo("b");
        carrying.get("b").add("split");
        // node a carries it too, as after a heartbeat of a that came too late
        carrying.get("a").add("split");
        sleep(400);
        assertThat(moves).containsExactly("a split -> " + b.place("split").await().atMost(WAIT).orElseThrow()
                .signalingUrl());
        assertThat(carrying.get("b")).contains("split");
        assertThat(a.holderElsewhere("split").await().atMost(WAIT)).map(MediaNode::id).contains("b");
    }

    @Test
    void aNodeIdInUseByAnotherLiveNodeStopsTheStartUp() {
        node("a");
        NodeStore store = new PostgresStore(pool, TestConfigs.mapper(), null, "x", Duration.ofSeconds(30), false)
                .nodes();
        Placement twin = new Placement(store, new FastNodes(), () -> null, vertx, "a",
                URI.create("http://127.0.0.1:9999"));
        org.assertj.core.api.Assertions.assertThatThrownBy(twin::start)
                .hasMessageContaining("Media node id a is in use");
    }

    @Test
    void everyNodeKnowsWhereAnArchiveWasMade() {
        Placement a = node("a");
        Placement b = node("b");
        b.madeHere("archive-1", "session-1").await().atMost(WAIT);
        assertThat(a.locationElsewhere("archive-1").await().atMost(WAIT)).map(MediaNode::id).contains("b");
        assertThat(b.locationElsewhere("archive-1").await().atMost(WAIT)).isEmpty();
        assertThat(a.locationElsewhere("unknown").await().atMost(WAIT)).isEmpty();
        // a node that left still holds its archives' files
        b.drain();
        assertThat(a.locationElsewhere("archive-1").await().atMost(WAIT)).map(MediaNode::url)
                .contains(URI.create("http://127.0.0.1:8001"));
    }

    @Test
    void oneNodeWithFilesPlacesNothing() {
        Placement alone = Placement.alone(TestConfigs.node(null, null), vertx);
        alone.start();
        assertThat(alone.active()).isFalse();
        assertThat(alone.place("s").await().atMost(WAIT)).isEqualTo(Optional.empty());
        assertThat(alone.claim("s").await().atMost(WAIT).id()).isEqualTo(alone.selfId());
        assertThat(alone.holderElsewhere("s").await().atMost(WAIT)).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(thread.isAlive()).isFalse();
    }

    private static final class FastNodes implements NodeConfig {
        @Override
        public Optional<String> id() {
            return Optional.empty();
        }

        @Override
        public Optional<String> url() {
            return Optional.empty();
        }

        @Override
        public Duration heartbeat() {
            return Duration.ofMillis(100);
        }

        @Override
        public Duration lease() {
            return Duration.ofMillis(600);
        }

        @Override
        public Duration drainTimeout() {
            return Duration.ofSeconds(1);
        }
    }
}
