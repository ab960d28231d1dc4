package io.parley.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.replicas.Http;
import io.parley.replicas.Replica;
import io.parley.replicas.ReplicaSet;
import io.parley.testing.PostgresServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three packaged embedded media nodes (a, b, c) on 127.0.0.1 sharing one PostgreSQL, with short heartbeats, and what
 * their tests ask of them: joins, which node carries a session, archives through any node. Closing stops every
 * process it started.
 */
final class MediaNodeCluster implements AutoCloseable {

    static final String SERVER_KEY = "media-nodes-server-key-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    private final PostgresServer postgres;
    private final String database;
    private final ReplicaSet nodes;

    private MediaNodeCluster(PostgresServer postgres, String database, ReplicaSet nodes) {
        this.postgres = postgres;
        this.database = database;
        this.nodes = nodes;
    }

    /** {@code settings}: environment every node gets besides the embedded platform's and the node map's. */
    static MediaNodeCluster start(String name, Map<String, String> settings) throws Exception {
        PostgresServer postgres = PostgresServer.shared();
        String database = postgres.newDatabase(name);
        Map<String, String> env = new HashMap<>(settings);
        env.put("PARLEY_PLATFORM", "embedded");
        env.put("PARLEY_API_SERVER_KEY", SERVER_KEY);
        env.put("PARLEY_MEDIA_HOST", "127.0.0.1");
        env.put("PARLEY_MEDIA_PORT", "0");
        env.put("PARLEY_MEDIA_TCP_PORT", "0");
        env.put("PARLEY_MEDIA_ANNOUNCED_ADDRESSES", "127.0.0.1");
        env.put("PARLEY_ICE_LOOPBACK_ONLY", "true");
        env.put("PARLEY_NODE_HEARTBEAT", "500ms");
        env.put("PARLEY_NODE_LEASE", "2s");
        env.put("PARLEY_NODE_DRAIN_TIMEOUT", "4s");
        env.put("QUARKUS_SHUTDOWN_DELAY", "0s");
        env.put("QUARKUS_SHUTDOWN_TIMEOUT", "5s");
        return new MediaNodeCluster(postgres, database, ReplicaSet.start(postgres, database, env));
    }

    List<Replica> nodes() {
        return nodes.replicas();
    }

    Replica node(int index) {
        return nodes.get(index);
    }

    JsonNode join(Replica through, String room, String name) throws Exception {
        HttpResponse<String> response = Http.send(through.base(), "POST", "/api/v1/rooms/" + room + "/join",
                "{\"displayName\":\"" + name + "\"}", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The node whose signaling a join answer named. */
    Replica nodeOf(String signalingUrl) {
        int port = URI.create(signalingUrl).getPort();
        return nodes().stream().filter(r -> r.port() == port).findFirst()
                .orElseThrow(() -> new AssertionError("no node at " + signalingUrl));
    }

    String sessionOf(String room) throws Exception {
        return queryOne("SELECT session_id FROM room WHERE name = ?", room);
    }

    /** The node the map says carries the session. */
    Replica carrierOf(String sessionId) throws Exception {
        String nodeId = queryOne("SELECT node_id FROM session_placement WHERE session_id = ?", sessionId);
        return nodes().stream().filter(r -> r.name().equals(nodeId)).findFirst().orElseThrow();
    }

    private String queryOne(String sql, String parameter) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), "");
             PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).as(sql + " " + parameter).isTrue();
                return rows.getString(1);
            }
        }
    }

    /** Starts an archive through one node, records for {@code millis}, stops it through another; its id. */
    String record(String sessionId, Replica startThrough, Replica stopThrough, long millis) throws Exception {
        HttpResponse<String> started = Http.send(startThrough.base(), "POST",
                "/api/v1/sessions/" + sessionId + "/archives", "{\"name\":\"across nodes\"}", SERVER_KEY);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String archiveId = JSON.readTree(started.body()).path("id").asText();
        Thread.sleep(millis);
        HttpResponse<String> stopped = Http.send(stopThrough.base(), "POST", "/api/v1/archives/" + archiveId
                + "/stop", null, SERVER_KEY);
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        return archiveId;
    }

    JsonNode awaitAvailable(URI through, String archiveId) throws Exception {
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

    /** Where the playback route, asked through {@code through}, sends the browser. */
    static URI playbackLocation(URI through, String archiveId) throws Exception {
        HttpResponse<Void> playback = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(through.resolve("/api/v1/archives/" + archiveId + "/playback"))
                        .header("Authorization", "Bearer " + SERVER_KEY).build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(playback.statusCode()).isIn(302, 303, 307);
        return through.resolve(playback.headers().firstValue("Location").orElseThrow());
    }

    static byte[] get(URI url) throws Exception {
        HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).as(url.toString()).isEqualTo(200);
        return file.body();
    }

    /** Whether the bytes begin as an MP4 does (its ftyp box). */
    static boolean isMp4(byte[] media) {
        return media.length > 8 && new String(media, 4, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("ftyp");
    }

    @Override
    public void close() {
        nodes.close();
    }
}
