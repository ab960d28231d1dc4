package io.parley.replicas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.parley.replicas.Http.send;
import static io.parley.replicas.Http.sendAsync;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded platform's control plane on three packaged replicas sharing one PostgreSQL: rooms, sessions and the
 * token signing key are the same everywhere, and a moderator call reaches the session's node through any replica.
 * (Media across nodes is {@code io.parley.browser.MediaNodesIT}.)
 */
class EmbeddedReplicaSetIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PostgresServer postgres;
    private static String database;
    private static ReplicaSet replicas;

    @BeforeAll
    static void startReplicas() throws Exception {
        postgres = PostgresServer.shared();
        database = postgres.newDatabase("embedded_replicas");
        replicas = ReplicaSet.start(postgres, database, Map.of(
                "PARLEY_PLATFORM", "embedded",
                "PARLEY_MEDIA_HOST", "127.0.0.1",
                "PARLEY_MEDIA_PORT", "0",
                "PARLEY_MEDIA_TCP_PORT", "0",
                "PARLEY_MEDIA_ANNOUNCED_ADDRESSES", "127.0.0.1",
                "QUARKUS_SHUTDOWN_DELAY", "0s"));
    }

    @AfterAll
    static void stopEverything() {
        if (replicas != null) {
            replicas.close();
        }
    }

    @Test
    void concurrentJoinsMakeOneSessionAndEveryReplicaAcceptsEveryOthersTokens() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> joins = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            joins.add(sendAsync(replicas.proxy().base(), "POST", "/api/v1/rooms/design-review/join",
                    "{\"displayName\":\"Person " + i + "\"}", null));
        }
        Map<String, Integer> roles = new TreeMap<>();
        Set<String> sessions = new HashSet<>();
        String moderatorToken = null;
        for (CompletableFuture<HttpResponse<String>> join : joins) {
            HttpResponse<String> response = join.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            roles.merge(body.path("role").asText(), 1, Integer::sum);
            sessions.add(body.path("sessionId").asText());
            if ("MODERATOR".equals(body.path("role").asText())) {
                moderatorToken = body.path("token").asText();
            }
        }
        assertThat(roles).containsEntry("MODERATOR", 1).containsEntry("PUBLISHER", 199);
        assertThat(sessions).hasSize(1);
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), "");
             ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM embedded_session")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }

        String sessionId = sessions.iterator().next();
        for (Replica replica : replicas.replicas()) {
            // a moderator-only route: answered only if this replica verifies the token with the shared key
            HttpResponse<String> streams = send(replica.base(), "GET", "/api/v1/sessions/" + sessionId + "/streams",
                    null, moderatorToken);
            assertThat(streams.statusCode()).as("replica %s: %s", replica.name(), streams.body()).isEqualTo(200);
        }
        HttpResponse<String> forged = send(replicas.get(1).base(), "GET", "/api/v1/sessions/" + sessionId
                + "/streams", null, moderatorToken.substring(0, moderatorToken.length() - 4) + "AAAA");
        assertThat(forged.statusCode()).isEqualTo(401);
    }
}
