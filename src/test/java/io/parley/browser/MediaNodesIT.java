package io.parley.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.replicas.Http;
import io.parley.replicas.Replica;
import io.parley.replicas.ReplicaSet;
import io.parley.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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

    private static final String SERVER_KEY = "media-nodes-server-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PostgresServer postgres;
    private static String database;
    private static ReplicaSet nodes;
    private static Chromium chromium;

    @BeforeAll
    static void startNodes() throws Exception {
        postgres = PostgresServer.shared();
        database = postgres.newDatabase("media_nodes");
        Map<String, String> env = new HashMap<>();
        env.put("PARLEY_PLATFORM", "embedded");
        env.put("PARLEY_API_SERVER_KEY", SERVER_KEY);
        env.put("PARLEY_MEDIA_HOST", "127.0.0.1");
        env.put("PARLEY_MEDIA_PORT", "0");
        env.put("PARLEY_MEDIA_ANNOUNCED_ADDRESSES", "127.0.0.1");
        env.put("PARLEY_ICE_LOOPBACK_ONLY", "true");
        env.put("PARLEY_NODE_HEARTBEAT", "500ms");
        env.put("PARLEY_NODE_LEASE", "2s");
        env.put("PARLEY_NODE_DRAIN_TIMEOUT", "4s");
        env.put("QUARKUS_SHUTDOWN_DELAY", "0s");
        env.put("QUARKUS_SHUTDOWN_TIMEOUT", "5s");
        nodes = ReplicaSet.start(postgres, database, env);
        chromium = Chromium.launch();
    }

    @AfterAll
    static void stopEverything() {
        if (chromium != null) {
            chromium.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    @Order(1)
    void roomsCreatedThroughOneNodeArePlacedOnAllThree() throws Exception {
        Map<String, Integer> placed = new TreeMap<>();
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long began = System.nanoTime();
            JsonNode joined = join(node(0), "spread-" + i, "Person " + i);
            micros.add((System.nanoTime() - began) / 1_000);
            placed.merge(nodeOf(joined.path("signalingUrl").asText()).name(), 1, Integer::sum);
        }
        micros.sort(Long::compare);
        System.out.printf("30 new rooms through node a were placed %s; join p50 %.1f ms, max %.1f ms%n", placed,
                micros.get(15) / 1000.0, micros.get(29) / 1000.0);
        assertThat(placed).containsOnlyKeys("a", "b", "c");
    }

    @Test
    @Order(2)
    void browsersOnDifferentNodesMeetAndMoveTogetherWhenTheirNodeIsKilled() throws Exception {
        try (Participant ada = Participant.joinRoom(chromium.browser(), node(0).base(), "standup", "Ada");
             Participant grace = Participant.joinRoom(chromium.browser(), node(1).base(), "standup", "Grace")) {
            ada.awaitDecodingFrom(BrowserTest.MEDIA_STARTS, "camera", "Grace");
            grace.awaitDecodingFrom(BrowserTest.MEDIA_STARTS, "camera", "Ada");
            String sessionId = sessionOf("standup");
            Replica carrier = carrierOf(sessionId);
            List<Replica> others = nodes.replicas().stream().filter(r -> r != carrier).toList();
            System.out.printf("Ada joined through a, Grace through b; the room is on %s%n", carrier.name());

            // REST through the nodes that do not carry the room: forwarded to the one that does
            HttpResponse<String> streams = Http.send(others.get(0).base(), "GET",
                    "/api/v1/sessions/" + sessionId + "/streams", null, SERVER_KEY);
            assertThat(streams.statusCode()).as(streams.body()).isEqualTo(200);
            assertThat(JSON.readTree(streams.body()).path("items")).hasSize(2);
            HttpResponse<String> started = Http.send(others.get(0).base(), "POST",
                    "/api/v1/sessions/" + sessionId + "/archives", "{\"name\":\"across nodes\"}", SERVER_KEY);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
            String archiveId = JSON.readTree(started.body()).path("id").asText();
            Thread.sleep(4_000);
            HttpResponse<String> stopped = Http.send(others.get(1).base(), "POST",
                    "/api/v1/archives/" + archiveId + "/stop", null, SERVER_KEY);
            assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
            JsonNode available = awaitAvailable(others.get(0).base(), archiveId);
            assertThat(available.path("duration").asDouble()).isGreaterThan(2);
            byte[] media = playBack(others.get(1).base(), archiveId);
            assertThat(media.length).isGreaterThan(10_000);
            // an MP4 begins with its ftyp box
            assertThat(new String(Arrays.copyOfRange(media, 4, 8), java.nio.charset.StandardCharsets.US_ASCII))
                    .isEqualTo("ftyp");

            long killed = System.nanoTime();
            carrier.kill();
            ada.awaitDecodingFrom(Duration.ofSeconds(20), "camera", "Grace");
            grace.awaitDecodingFrom(Duration.ofSeconds(20), "camera", "Ada");
            Replica next = carrierOf(sessionId);
            System.out.printf("kill -9 of %s: both decode each other again on %s after %d ms%n", carrier.name(),
                    next.name(), (System.nanoTime() - killed) / 1_000_000);
            assertThat(next).isNotSameAs(carrier);
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(25));
        }
    }

    @Test
    @Order(3)
    void aDrainingNodeTakesNoNewRoomsAndSendsItsParticipantsOn() throws Exception {
        List<Replica> alive = nodes.replicas().stream().filter(Replica::alive).toList();
        assertThat(alive).hasSizeGreaterThanOrEqualTo(2);
        JsonNode joined = join(alive.get(0), "drain-room", "Linus");
        Replica carrier = nodeOf(joined.path("signalingUrl").asText());
        Replica other = alive.stream().filter(r -> r != carrier).findFirst().orElseThrow();
        Signaling linus = Signaling.connect(joined.path("signalingUrl").asText(), joined.path("token").asText());
        assertThat(linus.await("connected")).isNotNull();

        long term = System.nanoTime();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> carrier.stop(Duration.ofSeconds(30)));
        Thread.sleep(1_000);
        for (int i = 0; i < 10; i++) {
            JsonNode placed = join(other, "after-drain-" + i, "Person " + i);
            assertThat(nodeOf(placed.path("signalingUrl").asText())).as("room %d", i).isNotSameAs(carrier);
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
        Replica restarted = nodes.replicas().stream().filter(r -> !r.alive() && r != carrier).findFirst()
                .orElseThrow();
        restarted.start();
        restarted.awaitReady(ReplicaSet.READY);
        JsonNode placedAgain = null;
        for (int i = 0; i < 20 && (placedAgain == null || nodeOf(placedAgain.path("signalingUrl").asText())
                != restarted); i++) {
            placedAgain = join(other, "after-restart-" + i, "Person " + i);
        }
        assertThat(nodeOf(placedAgain.path("signalingUrl").asText())).isSameAs(restarted);
        long idle = System.nanoTime();
        restarted.stop(Duration.ofSeconds(30));
        long idleMillis = (System.nanoTime() - idle) / 1_000_000;
        System.out.printf("SIGTERM of %s with no live session: exited after %d ms%n", restarted.name(), idleMillis);
        assertThat(idleMillis).isLessThan(4_000);
    }

    private static Replica node(int index) {
        return nodes.get(index);
    }

    private static JsonNode join(Replica through, String room, String name) throws Exception {
        HttpResponse<String> response = Http.send(through.base(), "POST", "/api/v1/rooms/" + room + "/join",
                "{\"displayName\":\"" + name + "\"}", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Replica nodeOf(String signalingUrl) {
        int port = URI.create(signalingUrl).getPort();
        return nodes.replicas().stream().filter(r -> r.port() == port).findFirst()
                .orElseThrow(() -> new AssertionError("no node at " + signalingUrl));
    }

    private static String sessionOf(String room) throws Exception {
        return queryOne("SELECT session_id FROM room WHERE name = ?", room);
    }

    private static Replica carrierOf(String sessionId) throws Exception {
        String nodeId = queryOne("SELECT node_id FROM session_placement WHERE session_id = ?", sessionId);
        return nodes.replicas().stream().filter(r -> r.name().equals(nodeId)).findFirst().orElseThrow();
    }

    private static String queryOne(String sql, String parameter) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), "");
             PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as(sql + " " + parameter).isTrue();
                return rows.getString(1);
            }
        }
    }

    private static JsonNode awaitAvailable(URI through, String archiveId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode archive = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = Http.send(through, "GET", "/api/v1/archives/" + archiveId, null,
                    SERVER_KEY);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            archive = JSON.readTree(response.body());
            if ("AVAILABLE".equals(archive.path("status").asText())) {
                return archive;
            }
            assertThat(archive.path("status").asText()).as(response.body()).isNotEqualTo("FAILED");
            Thread.sleep(500);
        }
        throw new AssertionError("the archive did not become available: " + archive);
    }

    /** The playback route, then the media URL it redirects to, both through {@code through}. */
    private static byte[] playBack(URI through, String archiveId) throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<Void> playback = client.send(HttpRequest.newBuilder(
                        through.resolve("/api/v1/archives/" + archiveId + "/playback"))
                .header("Authorization", "Bearer " + SERVER_KEY).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(playback.statusCode()).isIn(302, 303, 307);
        String location = playback.headers().firstValue("Location").orElseThrow();
        URI media = URI.create(location);
        URI sameNode = media.isAbsolute() ? through.resolve(media.getRawPath()) : through.resolve(location);
        HttpResponse<byte[]> file = client.send(HttpRequest.newBuilder(sameNode).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).as(sameNode.toString()).isEqualTo(200);
        return file.body();
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
                    JsonNode message = JSON.readTree(partial.toString());
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
