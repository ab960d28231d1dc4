package io.parley.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.api.auth.ServerKey;
import io.parley.storage.postgres.PostgresStore;
import io.parley.testing.PostgresServer;
import io.parley.testing.TestConfigs;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.mutiny.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * REST on any node, over real sockets: node a's router forwards what belongs to node b to a real HTTP server playing
 * node b, passes b's answer back, answers what it carries itself, never forwards twice, and answers a problem when
 * the carrying node does not answer. The node map is a real PostgreSQL.
 */
class NodeForwardingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = TestConfigs.mapper();
    /** The server key every node of the test shares (nodes sign their forwarding mark with it). */
    private static final ServerKey KEY = new ServerKey(new io.parley.api.auth.ApiConfig() {
        @Override
        public Optional<String> serverKey() {
            return Optional.of("forwarding-test-server-key");
        }

        @Override
        public int joinsPerMinute() {
            return 60;
        }

        @Override
        public boolean publicMetrics() {
            return false;
        }
    }, null);
    private static Vertx vertx;
    private static Pool pool;
    private static final List<Placement> nodes = new ArrayList<>();
    private static URI nodeA;
    private static int portOfB;
    private static final List<String> reachedB = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final List<String> signatures = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void threeNodes() throws Exception {
        vertx = Vertx.vertx();
        pool = PostgresServer.shared().migratedPool(vertx, "forwarding", 4);

        // node b: answers with what reached it
        HttpServer b = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            reachedB.add(request.uri());
            if (request.path().equals("/api/v1/archives") && "moved".equals(request.getParam("sessionId"))) {
                lists(request, "b", "[{\"id\":\"b1\",\"createdAt\":\"2026-12-01T10:00:00Z\"},"
                        + "{\"id\":\"b2\",\"createdAt\":\"2026-12-01T12:00:00.5Z\"}]");
                return;
            }
            JsonObject seen = new JsonObject().put("node", "b").put("method", request.method().name())
                    .put("uri", request.uri()).put("body", body.toString())
                    .put("authorization", request.getHeader("Authorization"))
                    .put("forwardedBy", request.getHeader(NodeForwarding.FORWARDED))
                    .put("signature", request.getHeader(NodeForwarding.SIGNATURE));
            request.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                    .putHeader("X-From-B", "yes").end(seen.encode());
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        portOfB = b.actualPort();
        Placement a = node("a", URI.create("http://127.0.0.1:1"));
        Placement placedOnB = node("b", URI.create("http://127.0.0.1:" + b.actualPort()));
        Placement placedOnC = node("c", URI.create("http://127.0.0.1:" + closedPort()));
        placedOnB.claim("session-on-b").await().atMost(WAIT);
        placedOnB.madeHere("archive-on-b", "session-on-b").await().atMost(WAIT);
        // a session that moved: archives made on b and on c (which does not answer), carried by d now
        HttpServer d = vertx.createHttpServer().requestHandler(request -> lists(request, "d",
                "[{\"id\":\"d1\",\"createdAt\":\"2026-12-01T11:00:00Z\"}]"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Placement placedOnD = node("d", URI.create("http://127.0.0.1:" + d.actualPort()));
        placedOnB.madeHere("b1", "moved").await().atMost(WAIT);
        placedOnC.madeHere("c1", "moved").await().atMost(WAIT);
        placedOnD.claim("moved").await().atMost(WAIT);
        placedOnC.claim("session-on-c").await().atMost(WAIT);
        a.claim("session-on-a").await().atMost(WAIT);

        Router router = Router.router(vertx);
        new NodeForwarding(a, JSON, vertx, KEY).register(router);
        router.route().handler(context -> context.response().setStatusCode(200).end("answered by a"));
        HttpServer server0 = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        nodeA = URI.create("http://127.0.0.1:" + server0.actualPort());
    }

    @AfterAll
    static void stop() {
        nodes.forEach(Placement::stop);
        pool.close().await().atMost(WAIT);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** A node's own list, as the REST layer answers it; the query it was asked with is kept. */
    private static void lists(io.vertx.core.http.HttpServerRequest request, String node, String items) {
        asked.add(node + " " + request.query() + " " + request.getHeader(NodeForwarding.FORWARDED) + " "
                + request.getHeader("Authorization"));
        signatures.add(request.getHeader(NodeForwarding.SIGNATURE));
        if ("refuse".equals(request.getHeader("Authorization"))) {
            request.response().setStatusCode(401).putHeader("Content-Type", "application/problem+json")
                    .end("{\"type\":\"urn:parley:problem:unauthenticated\"}");
            return;
        }
        int count = items.split("\"id\"").length - 1;
        request.response().putHeader("Content-Type", "application/json")
                .end("{\"count\":" + count + ",\"items\":" + items + "}");
    }

    private static Placement node(String id, URI url) {
        NodeStore store = new PostgresStore(pool, JSON, null, id, Duration.ofSeconds(30), false).nodes();
        Placement placement = new Placement(store, TestConfigs.node(id, url.toString()), () -> null, vertx, id, url);
        placement.start();
        nodes.add(placement);
        return placement;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(nodeA.resolve(path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCallAboutAnotherNodesSessionIsPassedThereAsItCameAndItsAnswerComesBack() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/sessions/session-on-b/archives?x=1",
                "{\"name\":\"standup\"}", "Authorization", "Bearer the-callers-key", "Content-Type",
                "application/json");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-From-B")).contains("yes");
        JsonNode seen = JSON.readTree(response.body());
        assertThat(seen.path("node").asText()).isEqualTo("b");
        assertThat(seen.path("method").asText()).isEqualTo("POST");
        assertThat(seen.path("uri").asText()).isEqualTo("/api/v1/sessions/session-on-b/archives?x=1");
        assertThat(seen.path("body").asText()).isEqualTo("{\"name\":\"standup\"}");
        assertThat(seen.path("authorization").asText()).isEqualTo("Bearer the-callers-key");
        assertThat(seen.path("forwardedBy").asText()).isEqualTo("a");
        assertThat(seen.path("signature").asText()).isEqualTo(KEY.sign(
                "forwarded\na\nPOST\n/api/v1/sessions/session-on-b/archives"));
    }

    @Test
    void anArchiveItsMediaAndTheListOfASessionsArchivesGoWhereTheyLive() throws Exception {
        assertThat(JSON.readTree(send("GET", "/api/v1/archives/archive-on-b", null).body()).path("node").asText())
                .isEqualTo("b");
        assertThat(JSON.readTree(send("GET", "/media/archives/archive-on-b?expires=1&signature=x", null).body())
                .path("uri").asText()).isEqualTo("/media/archives/archive-on-b?expires=1&signature=x");
        assertThat(JSON.readTree(send("GET", "/api/v1/archives?sessionId=session-on-b", null).body())
                .path("node").asText()).isEqualTo("b");
    }

    @Test
    void whatThisNodeCarriesOrNoNodeNeedsIsAnsweredHere() throws Exception {
        for (String path : List.of("/api/v1/sessions/session-on-a/streams", "/api/v1/sessions/session-on-b",
                "/api/v1/sessions/session-on-b/tokens", "/api/v1/sessions/unknown-session/streams",
                "/api/v1/archives/unknown-archive", "/api/v1/rooms/standup/join", "/api/v1/archives")) {
            HttpResponse<String> response = send("GET", path, null);
            assertThat(response.body()).as(path).isEqualTo("answered by a");
        }
    }

    @Test
    void onlyTheNormalisedPathThatChoseTheNodeIsSentThere() throws Exception {
        // dot segments: what is sent is what was matched, so they cannot reach another route of the carrying node
        HttpResponse<String> dotted = send("GET", "/api/v1/sessions/session-on-b/connections/../../../q/health", null);
        assertThat(dotted.body()).isEqualTo("answered by a");
        // a request target that is not origin-form ("@host:port/...") must not become another authority
        try (java.net.Socket socket = new java.net.Socket(nodeA.getHost(), nodeA.getPort())) {
            socket.getOutputStream().write(("GET @127.0.0.1:" + portOfB + "/steal?://x/api/v1/sessions/session-on-b/connections "
                    + "HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n").getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(answer).doesNotContain("\"node\":\"b\"");
        }
        assertThat(reachedB).noneMatch(uri -> uri.contains("steal") || uri.contains("health"));
    }

    @Test
    void aListOfASessionThatMovedGathersEveryNodesRecordsNewestFirst() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/archives?sessionId=moved&offset=1&count=2", null,
                "Authorization", "Bearer key");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode page = JSON.readTree(response.body());
        assertThat(page.path("count").asLong()).isEqualTo(3);
        assertThat(page.path("items").findValuesAsText("id")).containsExactly("d1", "b1");
        assertThat(response.headers().firstValue(ListGathering.PARTIAL)).as("c does not answer").contains("c");
        assertThat(asked).contains("b sessionId=moved&offset=0&count=3 a Bearer key",
                "d sessionId=moved&offset=0&count=3 a Bearer key");
        assertThat(signatures).containsOnly(KEY.sign("forwarded\na\nGET\n/api/v1/archives"));

        HttpResponse<String> refused = send("GET", "/api/v1/archives?sessionId=moved", null,
                "Authorization", "refuse");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void aCallAnotherNodeForwardedIsAnsweredHereAndAMarkNobodySignedIsIgnored() throws Exception {
        String path = "/api/v1/sessions/session-on-b/streams";
        HttpResponse<String> forwarded = send("GET", path, null, NodeForwarding.FORWARDED, "c",
                NodeForwarding.SIGNATURE, KEY.sign("forwarded\nc\nGET\n" + path));
        assertThat(forwarded.body()).isEqualTo("answered by a");

        // a client's mark, to keep its call from the session's node: dropped, and the call goes there
        for (String forged : List.of("", "not-a-signature", KEY.sign("forwarded\nc\nPOST\n" + path))) {
            HttpResponse<String> spoofed = send("GET", path, null, NodeForwarding.FORWARDED, "c",
                    NodeForwarding.SIGNATURE, forged.isEmpty() ? "x" : forged);
            JsonNode seen = JSON.readTree(spoofed.body());
            assertThat(seen.path("node").asText()).as("forged mark %s", forged).isEqualTo("b");
            assertThat(seen.path("forwardedBy").asText()).isEqualTo("a");
        }
    }

    @Test
    void aCarryingNodeThatDoesNotAnswerIsAProblemNotAHang() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/sessions/session-on-c/mute", "{}",
                "Content-Type", "application/json");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:parley:problem:node-unavailable");
        assertThat(problem.path("detail").asText()).contains("Node c");
    }
}
