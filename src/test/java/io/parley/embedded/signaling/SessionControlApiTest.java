package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.parley.embedded.signaling.SignalingFixtures.SERVER_KEY;
import static io.parley.embedded.signaling.SignalingFixtures.join;
import static io.parley.embedded.signaling.SignalingFixtures.relayedSession;
import static io.parley.embedded.signaling.SignalingFixtures.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The REST API's session control on the embedded platform, seen from both ends: a back end calls the API, and
 * plain WebSocket clients in the session see what it did.
 */
@QuarkusTest
class SessionControlApiTest {

    private static RequestSpecification asServer() {
        return given().header("Authorization", "Bearer " + SERVER_KEY).contentType(ContentType.JSON);
    }

    private static String publish(SignalingClient client, String name) {
        return client.request(Map.of("type", "publish", "name", name, "hasAudio", true, "hasVideo", true,
                "videoType", "camera")).path("streamId").asText();
    }

    @Test
    void muteAllMutesEveryoneButTheExcludedStreamAndLaterStreamsStartMuted() {
        String sessionId = relayedSession();
        try (SignalingClient ada = join(sessionId, "PUBLISHER", "Ada");
             SignalingClient grace = join(sessionId, "PUBLISHER", "Grace");
             SignalingClient watcher = join(sessionId, "SUBSCRIBER", "Watcher")) {
            String adaStream = publish(ada, "ada");
            String graceStream = publish(grace, "grace");
            watcher.next("streamCreated", e -> e.path("stream").path("streamId").asText().equals(graceStream));

            asServer().body(Map.of("excludedStreamIds", List.of(graceStream)))
                    .post("/api/v1/sessions/{id}/mute", sessionId).then().statusCode(204);

            assertThat(ada.next("forceMuted").path("streamId").asText()).isEqualTo(adaStream);
            JsonNode changed = watcher.next("streamPropertyChanged");
            assertThat(changed.path("streamId").asText()).isEqualTo(adaStream);
            assertThat(changed.path("property").asText()).isEqualTo("audioMuted");
            assertThat(changed.path("value").asBoolean()).isTrue();
            assertThat(grace.next("streamPropertyChanged").path("streamId").asText()).isEqualTo(adaStream);
            assertThat(grace.types()).as("the excluded stream is untouched").doesNotContain("forceMuted");

            // while the mute is active, a new stream starts muted; its owner learns it after the stream's id
            JsonNode published = grace.request(Map.of("type", "publish", "name", "screen", "hasAudio", true,
                    "hasVideo", true, "videoType", "screen"));
            String screen = published.path("streamId").asText();
            assertThat(grace.next("forceMuted").path("streamId").asText()).isEqualTo(screen);
            assertThat(watcher.next("streamCreated", e -> e.path("stream").path("streamId").asText().equals(screen))
                    .path("stream").path("audioMuted").asBoolean()).isTrue();

            asServer().body(Map.of("active", false)).post("/api/v1/sessions/{id}/mute", sessionId).then()
                    .statusCode(204);
            String later = publish(ada, "after");
            assertThat(watcher.next("streamCreated", e -> e.path("stream").path("streamId").asText().equals(later))
                    .path("stream").path("audioMuted").asBoolean()).isFalse();
        }
    }

    @Test
    void muteAllNeedsAModeratorOfTheSessionAndValidInput() {
        String sessionId = relayedSession();
        given().header("Authorization", "Bearer " + token(sessionId, "PUBLISHER", "P")).contentType(ContentType.JSON)
                .body("{}").post("/api/v1/sessions/{id}/mute", sessionId).then().statusCode(403)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer " + token(sessionId, "MODERATOR", "M")).contentType(ContentType.JSON)
                .body("{}").post("/api/v1/sessions/{id}/mute", sessionId).then().statusCode(204);
        asServer().body(Map.of("excludedStreamIds", List.of(""))).post("/api/v1/sessions/{id}/mute", sessionId)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", containsString("excludedStreamIds"));
        asServer().body(Map.of("active", "sometimes")).post("/api/v1/sessions/{id}/mute", sessionId).then()
                .statusCode(400).body("errors[0].field", equalTo("active"));
        asServer().post("/api/v1/sessions/{id}/mute", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404)
                .body("detail", containsString("session"));
    }

    @Test
    void streamsAndConnectionsComeFromTheLiveSession() {
        String sessionId = relayedSession();
        asServer().get("/api/v1/sessions/{id}/streams", sessionId).then().statusCode(200)
                .body("count", equalTo(0)).body("items", hasSize(0));
        try (SignalingClient ada = join(sessionId, "PUBLISHER", "Ada");
             SignalingClient grace = join(sessionId, "SUBSCRIBER", "Grace")) {
            String adaId = ada.all().get(0).path("connectionId").asText();
            String graceId = grace.all().get(0).path("connectionId").asText();
            String stream = publish(ada, "Ada's camera");

            asServer().get("/api/v1/sessions/{id}/streams", sessionId).then().statusCode(200)
                    .body("count", equalTo(1))
                    .body("items[0].streamId", equalTo(stream))
                    .body("items[0].connectionId", equalTo(adaId))
                    .body("items[0].videoType", equalTo("CAMERA"))
                    .body("items[0].layoutClassList", hasSize(0));
            asServer().get("/api/v1/sessions/{id}/streams/{s}", sessionId, stream).then().statusCode(200)
                    .body("streamId", equalTo(stream)).body("name", equalTo("Ada's camera"))
                    .body("hasAudio", equalTo(true));
            asServer().get("/api/v1/sessions/{id}/streams/{s}", sessionId, "no-such-stream").then().statusCode(404)
                    .contentType("application/problem+json").body("detail", containsString("stream"));
            asServer().get("/api/v1/sessions/{id}/connections", sessionId).then().statusCode(200)
                    .body("count", equalTo(2))
                    .body("items.connectionId", containsInAnyOrder(adaId, graceId))
                    .body("items.find { it.connectionId == '" + graceId + "' }.role", equalTo("SUBSCRIBER"))
                    .body("items.find { it.connectionId == '" + graceId + "' }.data",
                            equalTo("{\"displayName\":\"Grace\"}"));

            String moderator = token(sessionId, "MODERATOR", "M");
            given().header("Authorization", "Bearer " + moderator).get("/api/v1/sessions/{id}/connections", sessionId)
                    .then().statusCode(200);
            String publisher = token(sessionId, "PUBLISHER", "P");
            given().header("Authorization", "Bearer " + publisher).get("/api/v1/sessions/{id}/streams", sessionId)
                    .then().statusCode(403);
            given().header("Authorization", "Bearer " + token(relayedSession(), "MODERATOR", "Other"))
                    .get("/api/v1/sessions/{id}/connections", sessionId).then().statusCode(403);
        }
        asServer().get("/api/v1/sessions/{id}/connections", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aBackEndSignalReachesEveryoneOrOneConnectionFromTheServer() {
        String sessionId = relayedSession();
        try (SignalingClient ada = join(sessionId, "PUBLISHER", "Ada");
             SignalingClient grace = join(sessionId, "SUBSCRIBER", "Grace")) {
            String graceId = grace.all().get(0).path("connectionId").asText();

            asServer().body(Map.of("type", "notice", "data", "Recording starts soon"))
                    .post("/api/v1/sessions/{id}/signal", sessionId).then().statusCode(204);
            for (SignalingClient client : List.of(ada, grace)) {
                JsonNode signal = client.next("signal");
                assertThat(signal.path("signalType").asText()).isEqualTo("notice");
                assertThat(signal.path("data").asText()).isEqualTo("Recording starts soon");
                assertThat(signal.path("from").asText()).isEqualTo("server");
            }

            given().header("Authorization", "Bearer " + token(sessionId, "MODERATOR", "M"))
                    .contentType(ContentType.JSON).body(Map.of("type", "chat", "data", "just you"))
                    .post("/api/v1/sessions/{id}/connections/{c}/signal", sessionId, graceId).then().statusCode(204);
            assertThat(grace.next("signal").path("data").asText()).isEqualTo("just you");
            ada.send(Map.of("type", "ping"));
            ada.next("pong");
            assertThat(ada.all().stream().filter(e -> e.path("type").asText().equals("signal")).count())
                    .as("the one-connection signal went to Grace only").isEqualTo(1);

            asServer().body(Map.of("type", "chat", "data", "x"))
                    .post("/api/v1/sessions/{id}/connections/{c}/signal", sessionId, "gone").then().statusCode(404)
                    .body("detail", containsString("connection"));
        }
    }

    @Test
    void signalsKeepVonagesLimits() {
        String sessionId = relayedSession();
        String path = "/api/v1/sessions/{id}/signal";
        asServer().body(Map.of("type", "t".repeat(129), "data", "x")).post(path, sessionId).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("type"));
        asServer().body(Map.of("type", "has space", "data", "x")).post(path, sessionId).then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
        asServer().body(Map.of("type", "chat", "data", "x".repeat(8193))).post(path, sessionId).then()
                .statusCode(400).body("errors[0].field", equalTo("data"));
        // 8192 characters, but more than 8 kB of UTF-8
        asServer().body(Map.of("type", "chat", "data", "é".repeat(4097))).post(path, sessionId).then()
                .statusCode(400).body("errors[0].field", equalTo("data"));
        asServer().body(Map.of("type", "chat")).post(path, sessionId).then().statusCode(400)
                .body("errors[0].field", equalTo("data"));
        asServer().body(Map.of("type", "chat", "data", "x".repeat(8192))).post(path, sessionId).then()
                .statusCode(204);
        given().header("Authorization", "Bearer " + token(sessionId, "PUBLISHER", "P")).contentType(ContentType.JSON)
                .body(Map.of("type", "chat", "data", "x")).post(path, sessionId).then().statusCode(403);
        asServer().body(Map.of("type", "chat", "data", "x")).post(path, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").then()
                .statusCode(404).body("detail", containsString("session"));
    }
}
