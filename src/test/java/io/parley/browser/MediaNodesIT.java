package io.parley.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.replicas.Http;
import io.parley.replicas.Replica;
import io.parley.replicas.ReplicaSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded platform on three packaged media nodes on 127.0.0.1 (own HTTP and UDP ports, one PostgreSQL): rooms
 * spread over the nodes; browsers that join through different nodes meet on the room's node; an archive is started,
 * stopped and played back through nodes that do not carry it; the room's node is killed and everyone is carried by
 * another within 20 s, without a reload; a node that drains takes no new rooms and sends its participants on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MediaNodesIT {

    private static MediaNodeCluster cluster;
    private static Chromium chromium;

    @BeforeAll
    static void startNodes() throws Exception {
        cluster = MediaNodeCluster.start("media_nodes", Map.of());
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stopEverything() {
        if (chromium != null) {
            chromium.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void roomsCreatedThroughOneNodeArePlacedOnAllThree() throws Exception {
        Map<String, Integer> placed = new TreeMap<>();
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long began = System.nanoTime();
            JsonNode joined = cluster.join(cluster.node(0), "spread-" + i, "Person " + i);
            micros.add((System.nanoTime() - began) / 1_000);
            placed.merge(cluster.nodeOf(joined.path("signalingUrl").asText()).name(), 1, Integer::sum);
        }
        micros.sort(Long::compare);
        System.out.printf("30 new rooms through node a were placed %s; join p50 %.1f ms, max %.1f ms%n", placed,
                micros.get(15) / 1000.0, micros.get(29) / 1000.0);
        assertThat(placed).containsOnlyKeys("a", "b", "c");
    }

    @Test
    @Order(2)
    void browsersOnDifferentNodesMeetAndMoveTogetherWhenTheirNodeIsKilled() throws Exception {
        try (Participant ada = Participant.joinRoom(chromium.browser(), cluster.node(0).base(), "standup", "Ada");
             Participant grace = Participant.joinRoom(chromium.browser(), cluster.node(1).base(), "standup", "Grace")) {
            ada.awaitDecodingFrom(BrowserTest.MEDIA_STARTS, "camera", "Grace");
            grace.awaitDecodingFrom(BrowserTest.MEDIA_STARTS, "camera", "Ada");
            String sessionId = cluster.sessionOf("standup");
            Replica carrier = cluster.carrierOf(sessionId);
            List<Replica> others = cluster.nodes().stream().filter(r -> r != carrier).toList();
            System.out.printf("Ada joined through a, Grace through b; the room is on %s%n", carrier.name());

            // REST through the nodes that do not carry the room: forwarded to the one that does
            HttpResponse<String> streams = Http.send(others.get(0).base(), "GET",
                    "/api/v1/sessions/" + sessionId + "/streams", null, MediaNodeCluster.SERVER_KEY);
            assertThat(streams.statusCode()).as(streams.body()).isEqualTo(200);
            assertThat(MediaNodeCluster.JSON.readTree(streams.body()).path("items")).hasSize(2);
            String archiveId = cluster.record(sessionId, others.get(0), others.get(1), 4_000);
            JsonNode available = cluster.awaitAvailable(others.get(0).base(), archiveId);
            assertThat(available.path("duration").asDouble()).isGreaterThan(2);
            // played back through a node that did not record it: the route and the media are passed to the one that did
            URI media = MediaNodeCluster.playbackLocation(others.get(1).base(), archiveId);
            byte[] file = MediaNodeCluster.get(others.get(1).base()
                    .resolve(media.getRawPath() + "?" + media.getRawQuery()));
            assertThat(file.length).isGreaterThan(10_000);
            assertThat(MediaNodeCluster.isMp4(file)).isTrue();

            long killed = System.nanoTime();
            carrier.kill();
            ada.awaitDecodingFrom(Duration.ofSeconds(20), "camera", "Grace");
            grace.awaitDecodingFrom(Duration.ofSeconds(20), "camera", "Ada");
            Replica next = cluster.carrierOf(sessionId);
            System.out.printf("kill -9 of %s: both decode each other again on %s after %d ms%n", carrier.name(),
                    next.name(), (System.nanoTime() - killed) / 1_000_000);
            assertThat(next).isNotSameAs(carrier);
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(25));
        }
    }

    @Test
    @Order(3)
    void aDrainingNodeTakesNoNewRoomsAndSendsItsParticipantsOn() throws Exception {
        List<Replica> alive = cluster.nodes().stream().filter(Replica::alive).toList();
        assertThat(alive).hasSizeGreaterThanOrEqualTo(2);
        JsonNode joined = cluster.join(alive.get(0), "drain-room", "Linus");
        Replica carrier = cluster.nodeOf(joined.path("signalingUrl").asText());
        Replica other = alive.stream().filter(r -> r != carrier).findFirst().orElseThrow();
        Signaling linus = Signaling.connect(joined.path("signalingUrl").asText(), joined.path("token").asText());
        assertThat(linus.await("connected")).isNotNull();

        long term = System.nanoTime();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> carrier.stop(Duration.ofSeconds(30)));
        Thread.sleep(1_000);
        for (int i = 0; i < 10; i++) {
            JsonNode placed = cluster.join(other, "after-drain-" + i, "Person " + i);
            assertThat(cluster.nodeOf(placed.path("signalingUrl").asText())).as("room %d", i).isNotSameAs(carrier);
        }
        JsonNode redirect = linus.await("redirect");
        assertThat(redirect).as("the draining node sends its participant on").isNotNull();
        assertThat(linus.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(4010);
        stopping.get(30, TimeUnit.SECONDS);
        long drained = (System.nanoTime() - term) / 1_000_000;
        System.out.printf("SIGTERM of %s with a live session: it took no new rooms and exited after %d ms%n",
                carrier.name(), drained);
        assertThat(drained).isGreaterThanOrEqualTo(4_000);

        // with no live session, a drain has nothing to wait for: the node killed before starts again (its own id,
        // port and volume, as a StatefulSet's pod does), takes part in placement, and stops at once. (A node that
        // has served WebSockets also waits quarkus.shutdown.timeout: Quarkus counts an upgraded request as in
        // flight until that timeout; see the README.)
        Replica restarted = cluster.nodes().stream().filter(r -> !r.alive() && r != carrier).findFirst()
                .orElseThrow();
        restarted.start();
        restarted.awaitReady(ReplicaSet.READY);
        JsonNode placedAgain = null;
        for (int i = 0; i < 20 && (placedAgain == null
                || cluster.nodeOf(placedAgain.path("signalingUrl").asText()) != restarted); i++) {
            placedAgain = cluster.join(other, "after-restart-" + i, "Person " + i);
        }
        assertThat(cluster.nodeOf(placedAgain.path("signalingUrl").asText())).isSameAs(restarted);
        long idle = System.nanoTime();
        restarted.stop(Duration.ofSeconds(30));
        long idleMillis = (System.nanoTime() - idle) / 1_000_000;
        System.out.printf("SIGTERM of %s with no live session: exited after %d ms%n", restarted.name(), idleMillis);
        assertThat(idleMillis).isLessThan(4_000);
    }

    /** A participant without a browser: the signaling WebSocket only, collecting what the server sends. */
    private static final class Signaling implements WebSocket.Listener {
        private final List<JsonNode> received = new ArrayList<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        static Signaling connect(String url, String token) throws Exception {
            Signaling listener = new Signaling();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(url), listener).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"connect\",\"token\":\"" + token + "\"}", true);
            return listener;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = MediaNodeCluster.JSON.readTree(partial.toString());
                    synchronized (received) {
                        received.add(message);
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        JsonNode await(String type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline) {
                synchronized (received) {
                    for (JsonNode message : received) {
                        if (type.equals(message.path("type").asText())) {
                            return message;
                        }
                    }
                }
                Thread.sleep(50);
            }
            return null;
        }

        CompletableFuture<Integer> closeCode() {
            return closed;
        }
    }
}
