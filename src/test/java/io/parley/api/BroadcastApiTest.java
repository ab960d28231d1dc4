package io.parley.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * What the embedded platform refuses when a broadcast is started, changed or stopped, each with its own problem:
 * a relayed session, a session nobody is connected to, options it does not follow, broadcasts that do not exist, and
 * HLS links that are not its own.
 */
@QuarkusTest
class BroadcastApiTest {

    private static final String SERVER_KEY = "test-server-key-0123456789";
    private static final String START = "/api/v1/sessions/{id}/broadcasts";
    private static final Map<String, Object> HLS = Map.of("outputs", Map.of("hls", Map.of()));

    private static RequestSpecification asServer() {
        return given().header("Authorization", "Bearer " + SERVER_KEY).contentType(ContentType.JSON);
    }

    @Test
    void aBroadcastNeedsARoutedSessionWithClientsAndOptionsTheEmbeddedComposerFollows() {
        asServer().get("/api/v1/platform").then()
                .body("capabilities.find { it.name == 'BROADCAST' }.supported", equalTo(true));
        String relayed = ApiFixtures.createSession("RELAYED");
        asServer().body(HLS).post(START, relayed).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("only routed sessions can be broadcast"));
        String routed = ApiFixtures.createSession("ROUTED");
        asServer().body(HLS).post(START, routed).then().statusCode(409)
                .body("detail", containsString("no connected clients"));
        asServer().body(Map.of("outputs", Map.of("hls", Map.of()), "streamMode", "manual"))
                .post(START, routed).then().statusCode(400)
                .body("errors[0].field", equalTo("streamMode"));
        asServer().body(Map.of("outputs", Map.of("hls", Map.of()), "layout",
                        Map.of("type", "custom", "stylesheet", "stream { float: left; }")))
                .post(START, routed).then().statusCode(400)
                .body("errors[0].field", equalTo("layout.stylesheet"));
        asServer().body(Map.of("outputs", Map.of("hls", Map.of("dvr", true, "lowLatency", true))))
                .post(START, routed).then().statusCode(400);
        asServer().body(Map.of("outputs", Map.of("rtmp", List.of(Map.of("serverUrl", "http://ingest.example/live",
                        "streamName", "k"))))).post(START, routed).then().statusCode(400)
                .body("errors[0].field", equalTo("outputs.rtmp.serverUrl"));
        asServer().body(HLS).post(START, "no-such-session").then().statusCode(404);
    }

    @Test
    void unknownBroadcastsAreNotFound() {
        asServer().get("/api/v1/broadcasts?sessionId={id}", ApiFixtures.createSession("ROUTED")).then()
                .statusCode(200).body("count", equalTo(0));
        asServer().get("/api/v1/broadcasts/{id}", "b-1").then().statusCode(404)
                .contentType("application/problem+json");
        asServer().post("/api/v1/broadcasts/{id}/stop", "b-1").then().statusCode(404);
        asServer().body(Map.of("type", "pip")).put("/api/v1/broadcasts/{id}/layout", "b-1").then().statusCode(404);
        given().get("/api/v1/broadcasts").then().statusCode(401);
    }

    @Test
    void hlsFilesAreServedOnlyUnderTheirSignature() {
        given().get("/media/broadcasts/b-1/99999999999/forged/index.m3u8").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/media/broadcasts/b-1/1/forged/seg-00001.ts").then().statusCode(403);
    }
}
