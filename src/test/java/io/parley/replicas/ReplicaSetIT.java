package io.parley.replicas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.parley.replicas.CallbackInbox.Delivery;
import io.parley.testing.PostgresServer;
import io.parley.vonage.VonageCallbackFixtures;
import io.parley.vonage.VonageStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.parley.replicas.Http.send;
import static io.parley.replicas.Http.sendAsync;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three packaged Parley processes (platform vonage, against a local stub of the Vonage API driven by the real SDK)
 * sharing one PostgreSQL, behind a proxy that routes like a Kubernetes Service: they act as one Parley. The tests run
 * in order on one set of replicas; every process started here is stopped at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaSetIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPLICATION_ID = UUID.randomUUID().toString();
    private static final String CALLBACK_SECRET = "replica-callback-secret-0123456789abcdef";
    private static final String SESSION_ID = "1_MX4xMjM0NTY3OH5-MTcwMDAwMDAwMDAwMH5yZXBsaWNhcw";

    private static PostgresServer postgres;
    private static String database;
    private static WireMockServer vonage;
    private static CallbackInbox inbox;
    private static ReplicaSet set;
    private static List<Replica> replicas;
    private static ReadinessProxy proxy;
    private static String serverKey;

    @BeforeAll
    static void startReplicas() throws Exception {
        postgres = PostgresServer.shared();
        database = postgres.newDatabase("replicas");
        vonage = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        vonage.start();
        vonage.stubFor(post(urlPathEqualTo("/session/create")).willReturn(okJson(
                "[{\"session_id\":\"" + SESSION_ID + "\",\"application_id\":\"" + APPLICATION_ID
                        + "\",\"create_dt\":\"Tue Nov 14 22:13:20 UTC 2023\",\"media_server_url\":\"\"}]")));
        inbox = new CallbackInbox();

        Map<String, String> env = new HashMap<>();
        env.put("PARLEY_PLATFORM", "vonage");
        env.put("PARLEY_VONAGE_APPLICATION_ID", APPLICATION_ID);
        env.put("PARLEY_VONAGE_PRIVATE_KEY", VonageStub.freshPrivateKeyPem());
        env.put("PARLEY_VONAGE_VIDEO_BASE_URL", "http://127.0.0.1:" + vonage.port());
        env.put("PARLEY_VONAGE_CALLBACK_SECRET", CALLBACK_SECRET);
        env.put("PARLEY_CALLBACKS_URL", inbox.url().toString());
        env.put("PARLEY_CALLBACKS_SECRET", "receiver-secret-0123456789abcdefghij");
        env.put("PARLEY_CALLBACKS_INITIAL_BACKOFF", "100ms");
        env.put("PARLEY_CALLBACKS_MAX_ATTEMPTS", "40");
        env.put("PARLEY_CALLBACKS_POLL_INTERVAL", "100ms");
        // a replica killed while holding claims delays them by this much at most
        env.put("PARLEY_CALLBACKS_CLAIM_LEASE", "3s");
        env.put("QUARKUS_SHUTDOWN_DELAY", "2s");
        env.put("QUARKUS_SHUTDOWN_TIMEOUT", "10s");
        set = ReplicaSet.start(postgres, database, env);
        replicas = set.replicas();
        proxy = set.proxy();
        serverKey = storedServerKey();
    }

    @AfterAll
    static void stopEverything() {
        if (set != null) {
            set.close();
        }
        if (inbox != null) {
            inbox.close();
        }
        if (vonage != null) {
            vonage.stop();
        }
    }

    @Test
    @Order(1)
    void everyReplicaSharesTheKeyTheFirstOneCreated() throws Exception {
        for (Replica replica : replicas) {
            HttpResponse<String> created = send(replica.base(), "POST", "/api/v1/sessions",
                    "{\"mediaMode\":\"ROUTED\"}", serverKey);
            assertThat(created.statusCode()).as("replica %s with the shared server key: %s", replica.name(),
                    created.body()).isEqualTo(201);
            HttpResponse<String> wrong = send(replica.base(), "POST", "/api/v1/sessions", "{}",
                    "not-the-key-0123456789");
            assertThat(wrong.statusCode()).isIn(401, 403);
        }
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), "");
             ResultSet rows = c.createStatement().executeQuery("SELECT name FROM key_material")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            // the vonage platform signs nothing itself: the server key is all it shares
            assertThat(names).containsExactly("server-key");
        }
    }

    @Test
    @Order(2)
    void twoHundredConcurrentJoinsOfANewRoomCreateOneSessionAndOneModerator() throws Exception {
        vonage.resetRequests();
        List<CompletableFuture<HttpResponse<String>>> joins = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            joins.add(sendAsync(proxy.base(), "POST", "/api/v1/rooms/all-hands/join",
                    "{\"displayName\":\"Person " + i + "\"}", null));
        }
        Map<String, Integer> roles = new TreeMap<>();
        Set<String> sessions = ConcurrentHashMap.newKeySet();
        int moderatorKeys = 0;
        for (CompletableFuture<HttpResponse<String>> join : joins) {
            HttpResponse<String> response = join.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            roles.merge(body.path("role").asText(), 1, Integer::sum);
            sessions.add(body.path("sessionId").asText());
            if (body.hasNonNull("moderatorKey")) {
                moderatorKeys++;
            }
        }
        assertThat(roles).containsEntry("MODERATOR", 1).containsEntry("PUBLISHER", 199);
        assertThat(moderatorKeys).isEqualTo(1);
        assertThat(sessions).containsExactly(SESSION_ID);
        vonage.verify(1, postRequestedFor(urlPathEqualTo("/session/create")));
        assertThat(proxy.connectionErrors()).isZero();
    }

    @Test
    @Order(3)
    void aTokenFromOneReplicaWorksOnTheOthersAndACallbackToOneIsReadThroughAnother() throws Exception {
        Replica a = replicas.get(0);
        Replica b = replicas.get(1);
        Replica c = replicas.get(2);
        JsonNode joined = JSON.readTree(send(a.base(), "POST", "/api/v1/rooms/standup/join",
                "{\"displayName\":\"Ada\"}", null).body());
        assertThat(joined.path("role").asText()).isEqualTo("MODERATOR");
        String token = joined.path("token").asText();

        String archiveId = UUID.randomUUID().toString();
        vonage.stubFor(post(urlPathEqualTo("/v2/project/" + APPLICATION_ID + "/archive"))
                .willReturn(okJson(archiveJson(archiveId, "started"))));
        // Vonage's reads lag: they still say "started" after the callback said "stopped"
        vonage.stubFor(get(urlPathEqualTo("/v2/project/" + APPLICATION_ID + "/archive/" + archiveId))
                .willReturn(okJson(archiveJson(archiveId, "started"))));

        HttpResponse<String> started = send(a.base(), "POST", "/api/v1/sessions/" + SESSION_ID + "/archives",
                "{\"name\":\"standup\"}", token);
        assertThat(started.statusCode()).as(started.body()).isIn(200, 201);
        for (Replica other : List.of(b, c)) {
            HttpResponse<String> read = send(other.base(), "GET", "/api/v1/archives/" + archiveId, null, token);
            assertThat(read.statusCode()).as("replica %s accepts the token from a: %s", other.name(), read.body())
                    .isEqualTo(200);
        }

        postVonageCallback(b, archiveId, "stopped");
        HttpResponse<String> read = send(c.base(), "GET", "/api/v1/archives/" + archiveId, null, serverKey);
        assertThat(JSON.readTree(read.body()).path("status").asText()).isEqualTo("STOPPED");

        List<String> delivered = awaitDeliveries(archiveId, 2, Duration.ofSeconds(20));
        assertThat(delivered).containsExactly("started", "stopped");

        String metrics = send(c.base(), "GET", "/q/metrics", null, serverKey).body();
        assertThat(metrics).contains("parley_store_latency_seconds", "operation=\"archive-state.apply\"",
                "parley_callbacks_outbox_pending", "parley_callbacks_outbox_oldest_age_seconds");
    }

    @Test
    @Order(4)
    void callbacksPendingAtAReplicaThatIsKilledAllArriveInOrder() throws Exception {
        inbox.down(true);
        Replica victim = replicas.get(0);
        List<String> archives = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String archiveId = UUID.randomUUID().toString();
            archives.add(archiveId);
            postVonageCallback(victim, archiveId, "started");
            postVonageCallback(replicas.get(1 + i % 2), archiveId, "stopped");
        }
        // let the replicas claim and fail a few times, then the one holding claims dies without a word
        Thread.sleep(1500);
        assertThat(inbox.refused()).isPositive();
        victim.kill();
        inbox.down(false);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, List<String>> byArchive;
        do {
            Thread.sleep(250);
            byArchive = firstArrivals(archives);
        } while (byArchive.values().stream().mapToInt(List::size).sum() < 50 && System.nanoTime() < deadline);
        for (String archiveId : archives) {
            assertThat(byArchive.get(archiveId)).as("archive %s", archiveId).containsExactly("started", "stopped");
        }
        for (Delivery delivery : inbox.accepted()) {
            assertThat(delivery.headerEventId()).isEqualTo(delivery.eventId());
        }
        victim.start();
        victim.awaitReady(ReplicaSet.READY);
    }

    @Test
    @Order(5)
    void aRollingRestartOfEveryReplicaUnderLoadFailsNoRequest() throws Exception {
        set.awaitAllReady();
        long errorsBefore = proxy.connectionErrors();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        // about 50 requests per second: joins of the existing room, each a store read and a token
        load.scheduleAtFixedRate(() -> {
            CompletableFuture<?> request = sendAsync(proxy.base(), "POST", "/api/v1/rooms/all-hands/join",
                    "{\"displayName\":\"Visitor\"}", null)
                    .whenComplete((response, failure) -> {
                        if (failure != null) {
                            failures.incrementAndGet();
                        } else {
                            statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        }
                    });
            synchronized (inFlight) {
                inFlight.add(request);
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        long began = System.nanoTime();
        try {
            for (Replica replica : replicas) {
                replica.stop(Duration.ofSeconds(30));
                replica.start();
                replica.awaitReady(ReplicaSet.READY);
                set.awaitAllReady();
            }
            // keep the load on a little longer, bounded by the 60 s
            Thread.sleep(Math.max(0, Math.min(5_000, 60_000 - (System.nanoTime() - began) / 1_000_000)));
        } finally {
            load.shutdownNow();
        }
        List<CompletableFuture<?>> all;
        synchronized (inFlight) {
            all = List.copyOf(inFlight);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(t -> null)
                .get(60, TimeUnit.SECONDS);
        Map<Integer, Integer> summary = statuses.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(), (x, y) -> x, TreeMap::new));
        System.out.printf("Rolling restart: %d requests in %.1f s, statuses %s, client failures %d%n", all.size(),
                (System.nanoTime() - began) / 1e9, summary, failures.get());
        assertThat(failures).hasValue(0);
        assertThat(summary.keySet()).containsOnly(200);
        assertThat(proxy.connectionErrors() - errorsBefore).isZero();
        assertThat(proxy.requestsWithNoReadyReplica()).isZero();
        assertThat(all.size()).isGreaterThan(500);
    }

    /** Each archive's statuses in the order of their first arrival (a repeat is allowed: at least once). */
    private static Map<String, List<String>> firstArrivals(List<String> archives) {
        Map<String, List<String>> byArchive = new LinkedHashMap<>();
        archives.forEach(a -> byArchive.put(a, new ArrayList<>()));
        Set<String> seenEvents = new java.util.HashSet<>();
        for (Delivery delivery : inbox.accepted()) {
            List<String> statuses = byArchive.get(delivery.archiveId());
            if (statuses != null && seenEvents.add(delivery.eventId())) {
                statuses.add(delivery.status());
            }
        }
        return byArchive;
    }

    private static List<String> awaitDeliveries(String archiveId, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> statuses;
        do {
            statuses = firstArrivals(List.of(archiveId)).get(archiveId);
            if (statuses.size() >= count) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return statuses;
    }

    private static void postVonageCallback(Replica replica, String archiveId, String status) throws Exception {
        String body = VonageCallbackFixtures.callback(archiveId, SESSION_ID, status);
        HttpResponse<String> response = send(replica.base(), "POST", "/api/v1/callbacks/vonage", body,
                VonageCallbackFixtures.sign(body, CALLBACK_SECRET));
        assertThat(response.statusCode()).as(response.body()).isIn(200, 204);
    }

    private static String archiveJson(String id, String status) {
        return """
                {"id":"%s","sessionId":"%s","applicationId":"%s","name":"standup","status":"%s",
                 "outputMode":"composed","hasAudio":true,"hasVideo":true,"resolution":"1280x720",
                 "createdAt":1700000000000,"duration":42,"size":1024,"reason":"","url":null,
                 "streamMode":"auto","streams":[]}
                """.formatted(id, SESSION_ID, APPLICATION_ID, status);
    }

    private static String storedServerKey() throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), "");
             ResultSet rows = c.createStatement().executeQuery(
                     "SELECT value FROM key_material WHERE name = 'server-key'")) {
            assertThat(rows.next()).as("the first replica stored the server key").isTrue();
            return new String(Base64.getDecoder().decode(rows.getString(1)), StandardCharsets.UTF_8).strip();
        }
    }
}
