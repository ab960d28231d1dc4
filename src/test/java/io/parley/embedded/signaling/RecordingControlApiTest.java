package io.parley.embedded.signaling;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.parley.embedded.signaling.SignalingFixtures.SERVER_KEY;
import static io.parley.embedded.signaling.SignalingFixtures.join;
import static io.parley.embedded.signaling.SignalingFixtures.relayedSession;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Layout classes and changes while recording on the embedded platform. */
@QuarkusTest
class RecordingControlApiTest {

    private static RequestSpecification asServer() {
        return given().header("Authorization", "Bearer " + SERVER_KEY).contentType(ContentType.JSON);
    }

    @Test
    void layoutClassesAreKeptOnTheLiveStreams() {
        String sessionId = relayedSession();
        try (SignalingClient ada = join(sessionId, "PUBLISHER", "Ada")) {
            String stream = ada.request(Map.of("type", "publish", "name", "cam", "hasAudio", true, "hasVideo", true,
                    "videoType", "camera")).path("streamId").asText();

            asServer().body(Map.of("items", List.of(Map.of("id", stream, "layoutClassList", List.of("focus")))))
                    .put("/api/v1/sessions/{id}/streams/layout", sessionId).then().statusCode(204);
            asServer().get("/api/v1/sessions/{id}/streams/{s}", sessionId, stream).then().statusCode(200)
                    .body("layoutClassList", equalTo(List.of("focus")));

            // all or nothing: one unknown stream changes none
            asServer().body(Map.of("items", List.of(Map.of("id", stream, "layoutClassList", List.of()),
                            Map.of("id", "gone", "layoutClassList", List.of("full")))))
                    .put("/api/v1/sessions/{id}/streams/layout", sessionId).then().statusCode(404)
                    .body("detail", containsString("gone"));
            asServer().get("/api/v1/sessions/{id}/streams/{s}", sessionId, stream).then()
                    .body("layoutClassList", equalTo(List.of("focus")));

            asServer().body(Map.of("items", List.of(Map.of("id", stream, "layoutClassList", List.of("no space")))))
                    .put("/api/v1/sessions/{id}/streams/layout", sessionId).then().statusCode(400);
            asServer().body(Map.of("items", List.of())).put("/api/v1/sessions/{id}/streams/layout", sessionId)
                    .then().statusCode(400).body("errors[0].field", equalTo("items"));
        }
    }

    @Test
    void unknownArchivesAreNotFound() {
        String archive = "a0000000-0000-4000-8000-00000000dead";
        asServer().body(Map.of("type", "pip")).put("/api/v1/archives/{id}/layout", archive).then().statusCode(404)
                .contentType("application/problem+json");
        asServer().body(Map.of("addStream", "s")).patch("/api/v1/archives/{id}/streams", archive).then()
                .statusCode(404);
        asServer().get("/api/v1/platform").then()
                .body("capabilities.find { it.name == 'ARCHIVE_LAYOUT_CHANGE' }.supported", equalTo(true))
                .body("capabilities.find { it.name == 'STREAM_LAYOUT_CLASSES' }.supported", equalTo(true));
    }

    @Test
    void whileAnArchiveRecordsItsLayoutChangesAndWhatTheEmbeddedPlatformCannotDoIsSaid() {
        String sessionId = SignalingFixtures.session("ROUTED");
        try (SignalingClient ada = join(sessionId, "MODERATOR", "Ada")) {
            String archive = asServer().body(Map.of("layout", Map.of("type", "pip"), "multiArchiveTag", "main"))
                    .post("/api/v1/sessions/{id}/archives", sessionId).then().statusCode(201)
                    .body("layout.type", equalTo("pip"))
                    .body("multiArchiveTag", equalTo("main"))
                    .extract().path("id");
            try {
                asServer().body(Map.of("type", "verticalPresentation")).put("/api/v1/archives/{id}/layout", archive)
                        .then().statusCode(204);
                asServer().get("/api/v1/archives/{id}", archive).then().statusCode(200)
                        .body("layout.type", equalTo("verticalPresentation"));
                asServer().body(Map.of("type", "custom", "stylesheet", "stream { width: 50%; }"))
                        .put("/api/v1/archives/{id}/layout", archive).then().statusCode(204);
                asServer().body(Map.of("type", "custom", "stylesheet", "stream:nth-child(2) { width: 50%; }"))
                        .put("/api/v1/archives/{id}/layout", archive).then().statusCode(400)
                        .body("detail", containsString("nth-child"));
                asServer().body(Map.of("items", List.of(Map.of("id", "s", "layoutClassList", List.of("focus")))))
                        .put("/api/v1/sessions/{id}/streams/layout", sessionId).then().statusCode(404)
                        .body("detail", containsString("s"));
                asServer().body(Map.of("addStream", "s")).patch("/api/v1/archives/{id}/streams", archive).then()
                        .statusCode(409).body("detail", containsString("streamMode manual"));
                asServer().body(Map.of("multiArchiveTag", "main")).post("/api/v1/sessions/{id}/archives", sessionId)
                        .then().statusCode(409).body("detail", containsString("main"));
                String copy = asServer().body(Map.of("multiArchiveTag", "copy", "outputMode", "INDIVIDUAL"))
                        .post("/api/v1/sessions/{id}/archives", sessionId).then().statusCode(201)
                        .extract().path("id");
                asServer().post("/api/v1/archives/{id}/stop", copy).then().statusCode(200);
            } finally {
                asServer().post("/api/v1/archives/{id}/stop", archive).then().statusCode(200);
            }
            asServer().body(Map.of("type", "pip")).put("/api/v1/archives/{id}/layout", archive).then()
                    .statusCode(409).body("detail", containsString("not recording"));
        }
    }

    @Test
    void aManualArchiveTakesAndDropsStreamsOfItsSession() {
        String sessionId = SignalingFixtures.session("ROUTED");
        try (SignalingClient ada = join(sessionId, "MODERATOR", "Ada")) {
            String stream = ada.request(Map.of("type", "publish", "name", "cam", "hasAudio", true, "hasVideo", true,
                    "videoType", "camera")).path("streamId").asText();
            String archive = asServer().body(Map.of("streamMode", "manual"))
                    .post("/api/v1/sessions/{id}/archives", sessionId).then().statusCode(201)
                    .body("streamMode", equalTo("manual")).extract().path("id");
            try {
                asServer().body(Map.of("addStream", stream, "hasVideo", false))
                        .patch("/api/v1/archives/{id}/streams", archive).then().statusCode(204);
                asServer().body(Map.of("addStream", "gone")).patch("/api/v1/archives/{id}/streams", archive)
                        .then().statusCode(404).contentType("application/problem+json")
                        .body("detail", containsString("gone"));
                asServer().body(Map.of("removeStream", stream)).patch("/api/v1/archives/{id}/streams", archive)
                        .then().statusCode(204);
            } finally {
                asServer().post("/api/v1/archives/{id}/stop", archive).then().statusCode(200);
            }
            asServer().body(Map.of("addStream", stream)).patch("/api/v1/archives/{id}/streams", archive).then()
                    .statusCode(409);
        }
    }
}
