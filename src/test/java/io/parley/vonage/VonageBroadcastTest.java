package io.parley.vonage;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.parley.vonage.VonageFixtures.SESSION_ID;
import static io.parley.vonage.VonageFixtures.asServer;
import static io.parley.vonage.VonageFixtures.error;
import static io.parley.vonage.VonageFixtures.project;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** Live broadcasts on the Vonage platform: the real SDK against the stub, Vonage's answers and refusals mapped. */
@QuarkusTest
@TestProfile(VonageProfile.class)
class VonageBroadcastTest {

    private static final String STREAM_KEY = "secret-stream-key-4711";

    private final WireMockServer vonage = VonageStub.server;

    @BeforeEach
    void reset() {
        vonage.resetAll();
    }

    private static String broadcastPath(String id) {
        return project() + "/broadcast/" + id;
    }

    /** Vonage's broadcast JSON, as its REST reference shows it (the stream key is echoed back, as Vonage does). */
    private static String broadcastJson(String id, String status) {
        return """
                {"id":"%s","sessionId":"%s","applicationId":"%s","createdAt":1700000000000,
                 "updatedAt":1700000005000,"resolution":"1280x720","status":"%s","streamMode":"auto",
                 "maxDuration":3600,"maxBitrate":2000000,"multiBroadcastTag":"main",
                 "broadcastUrls":{"hls":"https://broadcast.example/hls/%s/index.m3u8",
                   "rtmp":[{"id":"yt","serverUrl":"rtmps://a.rtmp.youtube.com/live2","streamName":"%s",
                            "status":"connecting"}]},
                 "settings":{"hls":{"dvr":true,"lowLatency":false}},"streams":[]}
                """.formatted(id, SESSION_ID, VonageStub.APPLICATION_ID, status, id, STREAM_KEY);
    }

    private void broadcastIs(String id, String status) {
        vonage.stubFor(get(urlPathEqualTo(broadcastPath(id))).willReturn(okJson(broadcastJson(id, status))));
    }

    @Test
    void aBroadcastStartsWithItsOutputsAndAnswersWithTheHlsUrlButNotTheStreamKey() {
        String id = UUID.randomUUID().toString();
        vonage.stubFor(post(urlPathEqualTo(project() + "/broadcast")).willReturn(okJson(broadcastJson(id, "started"))));

        asServer().body(Map.of("outputs", Map.of("hls", Map.of("dvr", true),
                                "rtmp", List.of(Map.of("id", "yt", "serverUrl", "rtmps://a.rtmp.youtube.com/live2",
                                        "streamName", STREAM_KEY))),
                        "resolution", "1280x720", "layout", Map.of("type", "verticalPresentation"),
                        "multiBroadcastTag", "main", "maxDuration", 3600, "maxBitrate", 2_000_000))
                .post("/api/v1/sessions/{id}/broadcasts", SESSION_ID).then().statusCode(201)
                .body("id", org.hamcrest.Matchers.equalTo(id))
                .body("status", org.hamcrest.Matchers.equalTo("STARTED"))
                .body("broadcastUrls.hls", org.hamcrest.Matchers.equalTo("https://broadcast.example/hls/" + id
                        + "/index.m3u8"))
                .body("broadcastUrls.rtmp[0].status", org.hamcrest.Matchers.equalTo("connecting"))
                .body("layout.type", org.hamcrest.Matchers.equalTo("verticalPresentation"))
                .body("maxDuration", org.hamcrest.Matchers.equalTo(3600))
                .body(not(containsString(STREAM_KEY)));

        vonage.verify(postRequestedFor(urlPathEqualTo(project() + "/broadcast")).withRequestBody(equalToJson("""
                {"sessionId":"%s","outputs":{"hls":{"dvr":true,"lowLatency":false},
                  "rtmp":[{"id":"yt","serverUrl":"rtmps://a.rtmp.youtube.com/live2","streamName":"%s"}]},
                 "resolution":"1280x720","layout":{"type":"verticalPresentation"},"multiBroadcastTag":"main",
                 "maxDuration":3600,"maxBitrate":2000000}
                """.formatted(SESSION_ID, STREAM_KEY), true, true)));
    }

    @Test
    void vonagesRefusalsAreConflicts() {
        vonage.stubFor(post(urlPathEqualTo(project() + "/broadcast"))
                .willReturn(error(409, "The broadcast has already started for the session")));
        asServer().body(Map.of("outputs", Map.of("hls", Map.of())))
                .post("/api/v1/sessions/{id}/broadcasts", SESSION_ID).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already started"));
        // what Vonage says of a relayed session's broadcast
        vonage.resetAll();
        vonage.stubFor(post(urlPathEqualTo(project() + "/broadcast"))
                .willReturn(error(409, "Only routed sessions are allowed to initiate broadcasts")));
        asServer().body(Map.of("outputs", Map.of("hls", Map.of())))
                .post("/api/v1/sessions/{id}/broadcasts", SESSION_ID).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("Only routed sessions"));
    }

    @Test
    void badOutputsAreRefusedBeforeVonageIsAsked() {
        asServer().body(Map.of("resolution", "1280x720")).post("/api/v1/sessions/{id}/broadcasts", SESSION_ID)
                .then().statusCode(400).body("errors[0].field", containsString("outputs"));
        asServer().body(Map.of("outputs", Map.of())).post("/api/v1/sessions/{id}/broadcasts", SESSION_ID)
                .then().statusCode(400).body("detail", containsString("hls output, rtmp outputs or both"));
        asServer().body(Map.of("outputs", Map.of("hls", Map.of("dvr", true, "lowLatency", true))))
                .post("/api/v1/sessions/{id}/broadcasts", SESSION_ID).then().statusCode(400)
                .body("detail", containsString("dvr and lowLatency"));
        asServer().body(Map.of("outputs", Map.of("rtmp", List.of(Map.of("serverUrl", "http://example.com/live",
                        "streamName", STREAM_KEY))))).post("/api/v1/sessions/{id}/broadcasts", SESSION_ID)
                .then().statusCode(400).body("detail", containsString("rtmp://"))
                .body(not(containsString(STREAM_KEY)));
        asServer().body(Map.of("outputs", Map.of("hls", Map.of()), "maxDuration", 10))
                .post("/api/v1/sessions/{id}/broadcasts", SESSION_ID).then().statusCode(400)
                .body("errors[0].field", containsString("maxDuration"));
        vonage.verify(0, postRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void aBroadcastIsGotListedStoppedAndLaidOutThroughTheSdk() {
        String id = UUID.randomUUID().toString();
        broadcastIs(id, "started");
        vonage.stubFor(get(urlPathEqualTo(project() + "/broadcast"))
                .willReturn(okJson("{\"count\":1,\"items\":[" + broadcastJson(id, "started") + "]}")));
        vonage.stubFor(put(urlPathEqualTo(broadcastPath(id) + "/layout")).willReturn(aResponse().withStatus(200)));
        vonage.stubFor(post(urlPathEqualTo(broadcastPath(id) + "/stop"))
                .willReturn(okJson(broadcastJson(id, "stopped"))));

        asServer().get("/api/v1/broadcasts/{id}", id).then().statusCode(200)
                .body("hls.dvr", org.hamcrest.Matchers.equalTo(true))
                .body("multiBroadcastTag", org.hamcrest.Matchers.equalTo("main"));
        asServer().queryParam("sessionId", SESSION_ID).get("/api/v1/broadcasts").then().statusCode(200)
                .body("items[0].id", org.hamcrest.Matchers.equalTo(id))
                .body(not(containsString(STREAM_KEY)));
        vonage.verify(getRequestedFor(urlPathEqualTo(project() + "/broadcast"))
                .withQueryParam("sessionId", equalTo(SESSION_ID)));

        asServer().body(Map.of("type", "bestFit", "screenshareType", "pip"))
                .put("/api/v1/broadcasts/{id}/layout", id).then().statusCode(204);
        vonage.verify(putRequestedFor(urlPathEqualTo(broadcastPath(id) + "/layout"))
                .withRequestBody(equalToJson("{\"type\":\"bestFit\",\"screenshareType\":\"pip\"}", true, true)));

        asServer().post("/api/v1/broadcasts/{id}/stop", id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("STOPPED"));
    }

    @Test
    void aStoppedBroadcastTakesNoLayoutAndAnUnknownOneIsNotFound() {
        String stopped = UUID.randomUUID().toString();
        broadcastIs(stopped, "stopped");
        asServer().body(Map.of("type", "pip")).put("/api/v1/broadcasts/{id}/layout", stopped).then()
                .statusCode(409).body("detail", containsString("not running"));
        asServer().post("/api/v1/broadcasts/{id}/stop", stopped).then().statusCode(409);
        vonage.verify(0, putRequestedFor(urlPathMatching(".*")));
        vonage.verify(0, postRequestedFor(urlPathMatching(".*")));

        String unknown = UUID.randomUUID().toString();
        vonage.stubFor(get(urlPathEqualTo(broadcastPath(unknown))).willReturn(error(404, "Not found")));
        asServer().get("/api/v1/broadcasts/{id}", unknown).then().statusCode(404)
                .body("detail", containsString(unknown));
    }
}
