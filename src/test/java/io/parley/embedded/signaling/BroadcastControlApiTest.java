package io.parley.embedded.signaling;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.parley.embedded.signaling.SignalingFixtures.SERVER_KEY;
import static io.parley.embedded.signaling.SignalingFixtures.join;
import static io.parley.embedded.signaling.SignalingFixtures.session;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * A broadcast's lifecycle on the embedded platform with Vonage's rules, through the REST API, for a routed session a
 * client is connected to: one running broadcast per session and multiBroadcastTag, the layout changed while it runs,
 * and stop; the RTMP stream name is never reported.
 */
@QuarkusTest
class BroadcastControlApiTest {

    private static RequestSpecification asServer() {
        return given().header("Authorization", "Bearer " + SERVER_KEY).contentType(ContentType.JSON);
    }

    private static void awaitRtmpStatus(String broadcastId, String expected) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        String status = null;
        while (System.nanoTime() < deadline) {
            status = asServer().get("/api/v1/broadcasts/{id}", broadcastId).then().statusCode(200).extract()
                    .path("broadcastUrls.rtmp[0].status");
            if (expected.equals(status)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("RTMP status is " + status + ", not " + expected);
    }

    @Test
    void broadcastsStartOnePerTagChangeLayoutAndStop() throws Exception {
        String sessionId = session("ROUTED");
        try (SignalingClient ada = join(sessionId, "MODERATOR", "Ada")) {
            Map<String, Object> spec = Map.of("outputs", Map.of("hls", Map.of("dvr", true),
                            "rtmp", List.of(Map.of("serverUrl", "rtmp://127.0.0.1:1/live", "streamName", "secret-key"))),
                    "resolution", "1280x720", "maxDuration", 60);
            var first = asServer().body(spec).post("/api/v1/sessions/{id}/broadcasts", sessionId).then()
                    .statusCode(201)
                    .body("status", equalTo("STARTED"))
                    .body("resolution", equalTo("1280x720"))
                    .body("maxDuration", equalTo(60))
                    .body("hls.dvr", equalTo(true))
                    .body("broadcastUrls.hls", startsWith("/media/broadcasts/"))
                    .body("broadcastUrls.rtmp[0].id", equalTo("rtmp-1"))
                    .body("broadcastUrls.rtmp[0].serverUrl", equalTo("rtmp://127.0.0.1:1/live"))
                    .body("broadcastUrls.rtmp[0].streamName", nullValue())
                    .extract();
            assertThat(first.asString()).doesNotContain("secret-key");
            String broadcastId = first.path("id");
            // nothing listens on port 1: FFmpeg gives the destination up, and the broadcast says so
            awaitRtmpStatus(broadcastId, "error");
            // FFmpeg names the URL it could not open; the key never reaches the log
            java.nio.file.Path log = java.nio.file.Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getValue("parley.data-dir", String.class), "broadcasts", broadcastId, "ffmpeg.log");
            assertThat(java.nio.file.Files.readString(log)).contains("rtmp://127.0.0.1:1/live/***")
                    .doesNotContain("secret-key");

            asServer().body(spec).post("/api/v1/sessions/{id}/broadcasts", sessionId).then().statusCode(409)
                    .body("detail", containsString("multiBroadcastTag"));
            String tagged = asServer().body(Map.of("outputs", Map.of("hls", Map.of()), "multiBroadcastTag", "second"))
                    .post("/api/v1/sessions/{id}/broadcasts", sessionId).then().statusCode(201).extract().path("id");
            asServer().get("/api/v1/broadcasts?sessionId={id}", sessionId).then().statusCode(200)
                    .body("count", equalTo(2)).body("items.id", hasItems(broadcastId, tagged));

            asServer().body(Map.of("type", "horizontalPresentation"))
                    .put("/api/v1/broadcasts/{id}/layout", broadcastId).then().statusCode(204);
            asServer().get("/api/v1/broadcasts/{id}", broadcastId).then().statusCode(200)
                    .body("layout.type", equalTo("horizontalPresentation"));
            asServer().body(Map.of("type", "custom", "stylesheet", "stream { float: left; }"))
                    .put("/api/v1/broadcasts/{id}/layout", broadcastId).then().statusCode(400);

            asServer().post("/api/v1/broadcasts/{id}/stop", broadcastId).then().statusCode(200)
                    .body("status", equalTo("STOPPED"))
                    .body("broadcastUrls.rtmp[0].status", equalTo("offline"));
            asServer().post("/api/v1/broadcasts/{id}/stop", broadcastId).then().statusCode(409)
                    .body("detail", containsString("not running"));
            asServer().body(Map.of("type", "pip")).put("/api/v1/broadcasts/{id}/layout", broadcastId).then()
                    .statusCode(409);
            // the tag is free again once its broadcast stopped
            String again = asServer().body(spec).post("/api/v1/sessions/{id}/broadcasts", sessionId).then()
                    .statusCode(201).extract().path("id");
            asServer().post("/api/v1/broadcasts/{id}/stop", again).then().statusCode(200);
            asServer().post("/api/v1/broadcasts/{id}/stop", tagged).then().statusCode(200);
        }
    }
}
