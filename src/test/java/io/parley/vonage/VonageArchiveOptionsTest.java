package io.parley.vonage;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.parley.vonage.VonageFixtures.SESSION_ID;
import static io.parley.vonage.VonageFixtures.asServer;
import static io.parley.vonage.VonageFixtures.error;
import static io.parley.vonage.VonageFixtures.project;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Archive options at start on the Vonage platform: Archive.Builder through the real SDK, against the stub. */
@QuarkusTest
@TestProfile(VonageProfile.class)
class VonageArchiveOptionsTest {

    private final WireMockServer vonage = VonageStub.server;

    @BeforeEach
    void reset() {
        vonage.resetAll();
    }

    private static String archiveJson(String id, String extra) {
        return """
                {"id":"%s","sessionId":"%s","applicationId":"%s","name":"standup","status":"started",
                 "outputMode":"composed","hasAudio":true,"hasVideo":true,"resolution":"1280x720",
                 "createdAt":1700000000000,"duration":0,"size":0,"reason":"","url":null,"streams":[]%s}
                """.formatted(id, SESSION_ID, VonageStub.APPLICATION_ID, extra);
    }

    @Test
    void everyOptionReachesVonageAndComesBack() {
        String id = UUID.randomUUID().toString();
        vonage.stubFor(post(urlPathEqualTo(project() + "/archive")).willReturn(okJson(archiveJson(id,
                ",\"streamMode\":\"manual\",\"multiArchiveTag\":\"hd\",\"maxBitrate\":2000000"))));

        asServer().body(Map.of("resolution", "720x1280", "layout", Map.of("type", "verticalPresentation"),
                        "streamMode", "manual", "multiArchiveTag", "hd", "maxBitrate", 2_000_000))
                .post("/api/v1/sessions/{id}/archives", SESSION_ID).then().statusCode(201)
                .body("id", equalTo(id))
                .body("layout.type", equalTo("verticalPresentation"))
                .body("streamMode", equalTo("manual"))
                .body("multiArchiveTag", equalTo("hd"))
                .body("maxBitrate", equalTo(2_000_000));
        vonage.verify(postRequestedFor(urlPathEqualTo(project() + "/archive")).withRequestBody(equalToJson(
                "{\"sessionId\":\"" + SESSION_ID + "\",\"resolution\":\"720x1280\","
                        + "\"layout\":{\"type\":\"verticalPresentation\"},\"streamMode\":\"manual\","
                        + "\"multiArchiveTag\":\"hd\",\"maxBitrate\":2000000}", true, true)));
    }

    @Test
    void aScreenshareTypeAndACustomStylesheetAreVonagesLayouts() {
        String id = UUID.randomUUID().toString();
        vonage.stubFor(post(urlPathEqualTo(project() + "/archive")).willReturn(okJson(archiveJson(id, ""))));

        asServer().body(Map.of("layout", Map.of("type", "bestFit", "screenshareType", "horizontalPresentation")))
                .post("/api/v1/sessions/{id}/archives", SESSION_ID).then().statusCode(201)
                .body("layout.screenshareType", equalTo("horizontalPresentation"));
        vonage.verify(postRequestedFor(urlPathEqualTo(project() + "/archive")).withRequestBody(equalToJson(
                "{\"layout\":{\"type\":\"bestFit\",\"screenshareType\":\"horizontalPresentation\"}}", true, true)));

        vonage.resetRequests();
        String css = "stream.focus { width: 100%; height: 100%; }";
        asServer().body(Map.of("layout", Map.of("type", "custom", "stylesheet", css)))
                .post("/api/v1/sessions/{id}/archives", SESSION_ID).then().statusCode(201)
                .body("layout.type", equalTo("custom"));
        vonage.verify(postRequestedFor(urlPathEqualTo(project() + "/archive")).withRequestBody(equalToJson(
                "{\"layout\":{\"type\":\"custom\",\"stylesheet\":\"" + css + "\"}}", true, true)));
    }

    @Test
    void aSecondArchiveWithTheSameTagIsVonagesConflict() {
        vonage.stubFor(post(urlPathEqualTo(project() + "/archive")).willReturn(error(409,
                "An archive with the multiArchiveTag hd is already being recorded for this session")));
        asServer().body(Map.of("multiArchiveTag", "hd")).post("/api/v1/sessions/{id}/archives", SESSION_ID).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("multiArchiveTag hd"));
    }

    @Test
    void aLayoutWithoutComposedOutputIsRefusedBeforeVonageIsAsked() {
        asServer().body(Map.of("outputMode", "INDIVIDUAL", "layout", Map.of("type", "pip")))
                .post("/api/v1/sessions/{id}/archives", SESSION_ID).then().statusCode(400)
                .body("errors[0].field", equalTo("layout"));
        asServer().body(Map.of("resolution", "1024x768")).post("/api/v1/sessions/{id}/archives", SESSION_ID).then()
                .statusCode(400).body("errors[0].field", equalTo("resolution"));
        vonage.verify(0, anyRequestedFor(anyUrl()));
    }
}
