package io.parley.vonage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.callbacks.CallbackReceiverStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.parley.vonage.VonageFixtures.SESSION_ID;
import static io.parley.vonage.VonageFixtures.archive;
import static io.parley.vonage.VonageFixtures.asServer;
import static io.parley.vonage.VonageFixtures.project;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Archive status changes on the Vonage platform reach {@code parley.callbacks.url}: signed over the exact body, in
 * Vonage's callback shape, in order, retried while the receiver is down and not when it refuses.
 */
@QuarkusTest
@TestProfile(VonageCallbacksProfile.class)
class VonageArchiveCallbacksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final WireMockServer vonage = VonageStub.server;
    private final WireMockServer receiver = CallbackReceiverStub.server;

    @BeforeEach
    void reset() {
        vonage.resetAll();
        receiver.resetAll();
        CallbackReceiverStub.acceptAll();
    }

    @Test
    void everyChangeIsPostedSignedInVonagesShapeAndInOrder() throws Exception {
        String id = UUID.randomUUID().toString();
        vonage.stubFor(post(urlPathEqualTo(project() + "/archive")).willReturn(archive(id, "started")));
        asServer().body(Map.of("outputMode", "COMPOSED")).post("/api/v1/sessions/{id}/archives", SESSION_ID)
                .then().statusCode(201);
        vonageSays(id, "started");   // repeats what the start answered: not a change
        vonageSays(id, "stopped");
        vonageSays(id, "available");

        List<LoggedRequest> deliveries = awaitDeliveries(id, 3);
        assertThat(deliveries).extracting(r -> json(r).get("status").asText())
                .containsExactly("started", "stopped", "available");
        for (LoggedRequest delivery : deliveries) {
            assertThat(delivery.getHeader("X-Parley-Signature")).isEqualTo(hmac(delivery.getBody()));
            assertThat(delivery.getHeader("X-Parley-Timestamp")).matches("[1-9][0-9]{9}");
            assertThat(delivery.getHeader("Content-Type")).startsWith("application/json");
            JsonNode body = json(delivery);
            assertThat(body.get("id").asText()).isEqualTo(id);
            assertThat(body.get("event").asText()).isEqualTo("archive");
            assertThat(body.get("sessionId").asText()).isEqualTo(SESSION_ID);
            assertThat(body.get("projectId").asText()).isEqualTo(VonageStub.APPLICATION_ID);
            assertThat(body.get("partnerId").asText()).isEqualTo(VonageStub.APPLICATION_ID);
            assertThat(body.get("outputMode").asText()).isEqualTo("composed");
            assertThat(body.get("createdAt").isIntegralNumber()).isTrue();
            assertThat(body.get("updatedAt").asLong()).isGreaterThan(body.get("createdAt").asLong());
            assertThat(body.get("size").isIntegralNumber()).isTrue();
            assertThat(body.get("duration").isIntegralNumber()).isTrue();
            // Vonage's callback carried a media URL; it is never passed on
            assertThat(body.has("url")).isTrue();
            assertThat(body.get("url").isNull()).isTrue();
        }
    }

    @Test
    void aReceiverThatIsDownGetsTheDeliveryOnceItRecovers() throws Exception {
        String id = UUID.randomUUID().toString();
        String scenario = "down twice " + id;
        receiver.stubFor(post(urlPathEqualTo(CallbackReceiverStub.PATH)).withRequestBody(containing(id))
                .inScenario(scenario).whenScenarioStateIs(STARTED).willSetStateTo("once")
                .willReturn(aResponse().withStatus(500)));
        receiver.stubFor(post(urlPathEqualTo(CallbackReceiverStub.PATH)).withRequestBody(containing(id))
                .inScenario(scenario).whenScenarioStateIs("once").willSetStateTo("up")
                .willReturn(aResponse().withStatus(500)));
        receiver.stubFor(post(urlPathEqualTo(CallbackReceiverStub.PATH)).withRequestBody(containing(id))
                .inScenario(scenario).whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)));

        vonageSays(id, "stopped");

        List<LoggedRequest> attempts = awaitDeliveries(id, 3);
        // the same signed bytes each time
        assertThat(attempts).extracting(LoggedRequest::getBodyAsString).containsOnly(attempts.get(0).getBodyAsString());
        Thread.sleep(600);
        assertThat(deliveries(id)).hasSize(3);
    }

    @Test
    void aRefusalIsNotRetried() throws Exception {
        String id = UUID.randomUUID().toString();
        receiver.stubFor(post(urlPathEqualTo(CallbackReceiverStub.PATH)).withRequestBody(containing(id))
                .willReturn(aResponse().withStatus(400)));

        vonageSays(id, "failed");

        awaitDeliveries(id, 1);
        Thread.sleep(600);   // four attempts with 50/100/200 ms backoff would be over by now
        assertThat(deliveries(id)).hasSize(1);
    }

    @Test
    void aLaterStatusWaitsForAnEarlierOneThatIsRetried() throws Exception {
        String id = UUID.randomUUID().toString();
        String scenario = "busy once " + id;
        receiver.stubFor(post(urlPathEqualTo(CallbackReceiverStub.PATH)).withRequestBody(containing(id))
                .withRequestBody(containing("\"stopped\"")).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willSetStateTo("free").willReturn(aResponse().withStatus(429)));

        vonageSays(id, "stopped");
        vonageSays(id, "available");

        assertThat(awaitDeliveries(id, 3)).extracting(r -> json(r).get("status").asText())
                .containsExactly("stopped", "stopped", "available");
    }

    @Test
    void deliveriesCarryTheArchivesOptions() throws Exception {
        String id = UUID.randomUUID().toString();
        String started = VonageFixtures.archiveJson(id, SESSION_ID, "started")
                .replace("\"streamMode\":\"auto\"", "\"streamMode\":\"manual\",\"multiArchiveTag\":\"hd\","
                        + "\"maxBitrate\":2000000");
        vonage.stubFor(post(urlPathEqualTo(project() + "/archive")).willReturn(okJson(started)));
        asServer().body(Map.of("layout", Map.of("type", "pip"), "streamMode", "manual", "multiArchiveTag", "hd",
                "maxBitrate", 2_000_000)).post("/api/v1/sessions/{id}/archives", SESSION_ID).then().statusCode(201);
        String stopped = VonageCallbackFixtures.callback(id, SESSION_ID, "stopped")
                .replace("\"outputMode\":\"composed\"", "\"outputMode\":\"composed\",\"streamMode\":\"manual\","
                        + "\"multiArchiveTag\":\"hd\",\"maxBitrate\":2000000");
        given().header("Authorization", "Bearer " + VonageCallbackFixtures.sign(stopped, VonageStub.CALLBACK_SECRET))
                .contentType("application/json").body(stopped)
                .post("/api/v1/callbacks/vonage").then().statusCode(204);

        List<LoggedRequest> deliveries = awaitDeliveries(id, 2);
        for (LoggedRequest delivery : deliveries) {
            JsonNode body = json(delivery);
            assertThat(body.get("streamMode").asText()).isEqualTo("manual");
            assertThat(body.get("multiArchiveTag").asText()).isEqualTo("hd");
            assertThat(body.get("maxBitrate").asInt()).isEqualTo(2_000_000);
        }
        assertThat(json(deliveries.get(0)).at("/layout/type").asText()).as("the layout Vonage accepted")
                .isEqualTo("pip");
        assertThat(json(deliveries.get(1)).get("layout").isNull())
                .as("Vonage's callback does not say the layout").isTrue();
    }

    @Test
    void vonagesBroadcastCallbacksArePassedOnInVonagesShapeWithoutStreamNames() throws Exception {
        String id = UUID.randomUUID().toString();
        for (String status : List.of("started", "stopped")) {
            String body = "{\"id\":\"" + id + "\",\"event\":\"broadcast\",\"status\":\"" + status + "\","
                    + "\"sessionId\":\"" + SESSION_ID + "\",\"projectId\":\"" + VonageStub.APPLICATION_ID + "\","
                    + "\"createdAt\":1764583200000,\"updatedAt\":1764583260000,\"resolution\":\"1280x720\","
                    + "\"streamMode\":\"auto\",\"multiBroadcastTag\":\"main\",\"maxDuration\":3600,"
                    + "\"broadcastUrls\":{\"hls\":\"https://broadcast.example/hls/x/index.m3u8\",\"rtmp\":["
                    + "{\"id\":\"yt\",\"serverUrl\":\"rtmp://a.rtmp.example/live\",\"streamName\":\"yt-secret\","
                    + "\"status\":\"live\"}]}}";
            given().header("Authorization", "Bearer " + VonageCallbackFixtures.sign(body, VonageStub.CALLBACK_SECRET))
                    .contentType("application/json").body(body)
                    .post("/api/v1/callbacks/vonage").then().statusCode(204);
        }
        List<LoggedRequest> deliveries = awaitDeliveries(id, 2);
        assertThat(deliveries).extracting(r -> json(r).get("status").asText()).containsExactly("started", "stopped");
        for (LoggedRequest delivery : deliveries) {
            assertThat(delivery.getHeader("X-Parley-Signature")).isEqualTo(hmac(delivery.getBody()));
            assertThat(delivery.getBodyAsString()).doesNotContain("yt-secret");
            JsonNode body = json(delivery);
            assertThat(body.get("event").asText()).isEqualTo("broadcast");
            assertThat(body.get("sessionId").asText()).isEqualTo(SESSION_ID);
            assertThat(body.get("projectId").asText()).isEqualTo(VonageStub.APPLICATION_ID);
            assertThat(body.get("resolution").asText()).isEqualTo("1280x720");
            assertThat(body.get("multiBroadcastTag").asText()).isEqualTo("main");
            assertThat(body.get("maxDuration").asInt()).isEqualTo(3600);
            assertThat(body.get("createdAt").asLong()).isEqualTo(1764583200000L);
            assertThat(body.at("/broadcastUrls/hls").asText()).isEqualTo("https://broadcast.example/hls/x/index.m3u8");
            assertThat(body.at("/broadcastUrls/rtmp/0/id").asText()).isEqualTo("yt");
            assertThat(body.at("/broadcastUrls/rtmp/0/status").asText()).isEqualTo("live");
        }
    }

    private static void vonageSays(String archiveId, String status) {
        String body = VonageCallbackFixtures.callback(archiveId, SESSION_ID, status);
        given().header("Authorization", "Bearer " + VonageCallbackFixtures.sign(body, VonageStub.CALLBACK_SECRET))
                .contentType("application/json").body(body)
                .post("/api/v1/callbacks/vonage").then().statusCode(204);
    }

    private List<LoggedRequest> deliveries(String archiveId) {
        return receiver.findAll(postRequestedFor(urlPathEqualTo(CallbackReceiverStub.PATH))
                .withRequestBody(containing(archiveId)));
    }

    private List<LoggedRequest> awaitDeliveries(String archiveId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<LoggedRequest> seen = deliveries(archiveId);
        while (seen.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(25);
            seen = deliveries(archiveId);
        }
        assertThat(seen).hasSize(count);
        return seen;
    }

    private static JsonNode json(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBody());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The receiver's side of the contract, written independently of Parley's signer. */
    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(CallbackReceiverStub.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
