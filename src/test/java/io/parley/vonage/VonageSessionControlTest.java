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
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import static org.hamcrest.Matchers.hasSize;

/** Session control on the Vonage platform: the real SDK against the WireMock stand-in for Vonage. */
@QuarkusTest
@TestProfile(VonageProfile.class)
class VonageSessionControlTest {

    private final WireMockServer vonage = VonageStub.server;

    @BeforeEach
    void reset() {
        vonage.resetAll();
    }

    private static String session() {
        return project() + "/session/" + SESSION_ID;
    }

    @Test
    void muteAllIsVonagesSessionMuteWithTheExclusions() {
        String excluded = UUID.randomUUID().toString();
        vonage.stubFor(post(urlPathEqualTo(session() + "/mute")).willReturn(okJson(
                "{\"applicationId\":\"" + VonageStub.APPLICATION_ID + "\",\"status\":\"ACTIVE\",\"name\":\"x\","
                        + "\"environment\":\"standard\",\"createdAt\":1700000000000}")));

        asServer().body(Map.of("excludedStreamIds", List.of(excluded)))
                .post("/api/v1/sessions/{id}/mute", SESSION_ID).then().statusCode(204);
        vonage.verify(postRequestedFor(urlPathEqualTo(session() + "/mute"))
                .withRequestBody(equalToJson("{\"active\":true,\"excludedStreamIds\":[\"" + excluded + "\"]}")));

        asServer().body(Map.of("active", false)).post("/api/v1/sessions/{id}/mute", SESSION_ID).then()
                .statusCode(204);
        vonage.verify(postRequestedFor(urlPathEqualTo(session() + "/mute"))
                .withRequestBody(equalToJson("{\"active\":false}", true, true)));
    }

    @Test
    void muteAllOfAnUnknownSessionIsNotFound() {
        vonage.stubFor(post(urlPathEqualTo(session() + "/mute")).willReturn(error(404, "Session not found")));
        asServer().body("{}").post("/api/v1/sessions/{id}/mute", SESSION_ID).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("session"));
    }

    @Test
    void streamsComeFromVonageWithTheirLayoutClasses() {
        String streamId = UUID.randomUUID().toString();
        String stream = "{\"id\":\"" + streamId + "\",\"videoType\":\"screen\",\"name\":\"Ada's screen\","
                + "\"layoutClassList\":[\"focus\"]}";
        vonage.stubFor(get(urlPathEqualTo(session() + "/stream"))
                .willReturn(okJson("{\"count\":1,\"items\":[" + stream + "]}")));
        vonage.stubFor(get(urlPathEqualTo(session() + "/stream/" + streamId)).willReturn(okJson(stream)));

        asServer().get("/api/v1/sessions/{id}/streams", SESSION_ID).then().statusCode(200)
                .body("count", equalTo(1))
                .body("items[0].streamId", equalTo(streamId))
                .body("items[0].videoType", equalTo("SCREEN"))
                .body("items[0].layoutClassList", equalTo(List.of("focus")));
        asServer().get("/api/v1/sessions/{id}/streams/{s}", SESSION_ID, streamId).then().statusCode(200)
                .body("streamId", equalTo(streamId))
                .body("name", equalTo("Ada's screen"));
    }

    @Test
    void anUnknownStreamIsNotFound() {
        String streamId = UUID.randomUUID().toString();
        vonage.stubFor(get(urlPathEqualTo(session() + "/stream/" + streamId))
                .willReturn(error(404, "Stream not found")));
        asServer().get("/api/v1/sessions/{id}/streams/{s}", SESSION_ID, streamId).then().statusCode(404)
                .body("detail", containsString(streamId));
        asServer().get("/api/v1/sessions/{id}/streams/{s}", SESSION_ID, "not-a-uuid").then().statusCode(404);
    }

    @Test
    void connectionsAreNotSupportedAndVonageIsNotAsked() {
        asServer().get("/api/v1/sessions/{id}/connections", SESSION_ID).then().statusCode(501)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:parley:problem:not-supported"))
                .body("detail", containsString("LIST_CONNECTIONS"));
        asServer().get("/api/v1/platform").then()
                .body("capabilities.find { it.name == 'LIST_CONNECTIONS' }.supported", equalTo(false))
                .body("capabilities.find { it.name == 'MUTE_SESSION' }.supported", equalTo(true));
        vonage.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anEmptySessionHasNoStreams() {
        vonage.stubFor(get(urlPathEqualTo(session() + "/stream")).willReturn(okJson("{\"count\":0,\"items\":[]}")));
        asServer().get("/api/v1/sessions/{id}/streams", SESSION_ID).then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void signalsGoThroughTheSdkToEveryoneOrOneConnection() {
        String connectionId = UUID.randomUUID().toString();
        vonage.stubFor(post(urlPathEqualTo(session() + "/signal")).willReturn(aResponse().withStatus(204)));
        vonage.stubFor(post(urlPathEqualTo(session() + "/connection/" + connectionId + "/signal"))
                .willReturn(aResponse().withStatus(204)));

        asServer().body(Map.of("type", "notice", "data", "Recording starts soon"))
                .post("/api/v1/sessions/{id}/signal", SESSION_ID).then().statusCode(204);
        vonage.verify(postRequestedFor(urlPathEqualTo(session() + "/signal"))
                .withRequestBody(equalToJson("{\"type\":\"notice\",\"data\":\"Recording starts soon\"}")));

        asServer().body(Map.of("type", "chat", "data", "just you"))
                .post("/api/v1/sessions/{id}/connections/{c}/signal", SESSION_ID, connectionId).then().statusCode(204);
        vonage.verify(postRequestedFor(urlPathEqualTo(session() + "/connection/" + connectionId + "/signal"))
                .withRequestBody(equalToJson("{\"type\":\"chat\",\"data\":\"just you\"}")));
    }

    @Test
    void aSignalToAConnectionVonageDoesNotKnowIsNotFound() {
        String connectionId = UUID.randomUUID().toString();
        vonage.stubFor(post(urlPathEqualTo(session() + "/connection/" + connectionId + "/signal"))
                .willReturn(error(404, "Not found. The client specified by the connectionId property is not connected to the session.")));
        asServer().body(Map.of("type", "chat", "data", "x"))
                .post("/api/v1/sessions/{id}/connections/{c}/signal", SESSION_ID, connectionId).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString(connectionId));
    }

    @Test
    void anInvalidSignalNeverReachesVonage() {
        asServer().body(Map.of("type", "has space", "data", "x"))
                .post("/api/v1/sessions/{id}/signal", SESSION_ID).then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
        asServer().body(Map.of("type", "chat", "data", "é".repeat(4097)))
                .post("/api/v1/sessions/{id}/signal", SESSION_ID).then().statusCode(400)
                .body("errors[0].field", equalTo("data"));
        vonage.verify(0, anyRequestedFor(anyUrl()));
    }
}
