package io.parley.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.parley.api.ApiFixtures.asServer;
import static io.parley.api.ApiFixtures.createSession;
import static io.parley.api.ApiFixtures.token;
import static io.parley.api.ApiFixtures.withToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Archive routes on a platform with no media yet: who may call them, and the answers Vonage gives too. */
@QuarkusTest
class ArchiveApiTest {

    private static final String UNKNOWN_ARCHIVE = "8d1cbe9e-7c3a-4b47-9a36-3a2cb8a0f001";

    @Test
    void publisherCannotStartAnArchive() {
        String sessionId = createSession("ROUTED");
        withToken(token(sessionId, "PUBLISHER")).body(Map.of()).post("/api/v1/sessions/{id}/archives", sessionId)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("MODERATOR"));
    }

    @Test
    void sessionWithoutClientsCannotBeArchived() {
        String sessionId = createSession("ROUTED");
        withToken(token(sessionId, "MODERATOR")).body(Map.of("name", "standup"))
                .post("/api/v1/sessions/{id}/archives", sessionId)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:parley:problem:conflict"))
                .body("detail", containsString("no connected clients"));
        asServer().body(Map.of()).post("/api/v1/sessions/{id}/archives", sessionId)
                .then().statusCode(409);
    }

    @Test
    void relayedSessionCannotBeArchived() {
        String sessionId = createSession("RELAYED");
        withToken(token(sessionId, "MODERATOR")).body(Map.of())
                .post("/api/v1/sessions/{id}/archives", sessionId)
                .then().statusCode(409)
                .body("detail", containsString("relayed"));
    }

    @Test
    void moderatorOfAnotherSessionIsRefused() {
        String sessionId = createSession("ROUTED");
        String otherModerator = token(createSession("ROUTED"), "MODERATOR");
        withToken(otherModerator).body(Map.of()).post("/api/v1/sessions/{id}/archives", sessionId)
                .then().statusCode(403)
                .body("detail", containsString("another session"));
    }

    @Test
    void startNeedsCredentialsAndAnExistingSession() {
        given().contentType("application/json").body(Map.of()).post("/api/v1/sessions/{id}/archives", "whatever")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer");
        asServer().body(Map.of()).post("/api/v1/sessions/{id}/archives", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .then().statusCode(404);
    }

    @Test
    void startValidatesItsBody() {
        String sessionId = createSession("ROUTED");
        asServer().body(Map.of("outputMode", "MOSAIC")).post("/api/v1/sessions/{id}/archives", sessionId)
                .then().statusCode(400).body("errors.field", hasItem("outputMode"));
        asServer().body(Map.of("name", "n".repeat(201))).post("/api/v1/sessions/{id}/archives", sessionId)
                .then().statusCode(400).body("errors.field", hasItem("name"));
        asServer().body(Map.of("hasAudio", "loud")).post("/api/v1/sessions/{id}/archives", sessionId)
                .then().statusCode(400).body("errors.field", hasItem("hasAudio"));
    }

    @Test
    void listWithATokenShowsOnlyItsSession() {
        String sessionId = createSession("ROUTED");
        String subscriber = token(sessionId, "SUBSCRIBER");
        withToken(subscriber).get("/api/v1/archives").then().statusCode(200)
                .body("count", equalTo(0));
        withToken(subscriber).queryParam("sessionId", createSession("ROUTED")).get("/api/v1/archives").then()
                .statusCode(403);
        asServer().queryParam("sessionId", sessionId).get("/api/v1/archives").then().statusCode(200)
                .body("count", equalTo(0));
    }

    @Test
    void listValidatesPaging() {
        asServer().queryParam("count", 0).get("/api/v1/archives").then().statusCode(400)
                .body("errors.field", hasItem("count"));
        asServer().queryParam("count", 1001).get("/api/v1/archives").then().statusCode(400)
                .body("errors.field", hasItem("count"));
        asServer().queryParam("offset", -1).get("/api/v1/archives").then().statusCode(400)
                .body("errors.field", hasItem("offset"));
        asServer().queryParam("offset", "first").get("/api/v1/archives").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void unknownArchivesAreNotFound() {
        asServer().get("/api/v1/archives/{id}", UNKNOWN_ARCHIVE).then().statusCode(404)
                .contentType("application/problem+json");
        asServer().post("/api/v1/archives/{id}/stop", UNKNOWN_ARCHIVE).then().statusCode(404);
        asServer().get("/api/v1/archives/{id}/playback", UNKNOWN_ARCHIVE).then().statusCode(404);
        asServer().delete("/api/v1/archives/{id}", UNKNOWN_ARCHIVE).then().statusCode(404);
    }

    @Test
    void onlyTheServerKeyDeletes() {
        String moderator = token(createSession("ROUTED"), "MODERATOR");
        withToken(moderator).delete("/api/v1/archives/{id}", UNKNOWN_ARCHIVE).then().statusCode(403);
    }
}
