package io.parley.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.parley.api.ApiFixtures.asServer;
import static io.parley.api.ApiFixtures.createSession;
import static io.parley.api.ApiFixtures.token;
import static io.parley.api.ApiFixtures.withToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class ModerationApiTest {

    private static final String DISCONNECT = "/api/v1/sessions/{sessionId}/connections/{connectionId}/disconnect";
    private static final String MUTE = "/api/v1/sessions/{sessionId}/streams/{streamId}/mute";

    @Test
    void onlyModeratorsOfTheSessionModerate() {
        String sessionId = createSession("ROUTED");
        String publisher = token(sessionId, "PUBLISHER");
        withToken(publisher).post(DISCONNECT, sessionId, "c1").then().statusCode(403)
                .contentType("application/problem+json");
        withToken(publisher).post(MUTE, sessionId, "s1").then().statusCode(403);

        String otherModerator = token(createSession("ROUTED"), "MODERATOR");
        withToken(otherModerator).post(DISCONNECT, sessionId, "c1").then().statusCode(403);
        withToken(otherModerator).post(MUTE, sessionId, "s1").then().statusCode(403);

        given().post(DISCONNECT, sessionId, "c1").then().statusCode(401);
        given().post(MUTE, sessionId, "s1").then().statusCode(401);
    }

    @Test
    void unknownConnectionsAndStreamsAreNotFound() {
        String sessionId = createSession("ROUTED");
        String moderator = token(sessionId, "MODERATOR");
        withToken(moderator).post(DISCONNECT, sessionId, "c1").then().statusCode(404)
                .body("detail", containsString("connection"));
        asServer().post(MUTE, sessionId, "s1").then().statusCode(404)
                .body("detail", containsString("stream"));
        asServer().post(MUTE, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "s1").then().statusCode(404)
                .body("detail", containsString("session"));
    }
}
