package io.parley.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.parley.api.ApiFixtures.asServer;
import static io.parley.api.ApiFixtures.claims;
import static io.parley.api.ApiFixtures.createSession;
import static io.parley.api.ApiFixtures.token;
import static io.parley.api.ApiFixtures.withToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SessionApiTest {

    @Test
    void createsRoutedManualSessionByDefault() {
        String sessionId = asServer().post("/api/v1/sessions").then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/sessions/"))
                .body("mediaMode", equalTo("ROUTED"))
                .body("archiveMode", equalTo("MANUAL"))
                .body("sessionId", matchesPattern("[A-Za-z0-9_-]{32}"))
                .extract().path("sessionId");

        asServer().get("/api/v1/sessions/{id}", sessionId).then()
                .statusCode(200)
                .body("sessionId", equalTo(sessionId))
                .body("connections", empty())
                .body("streams", empty());
    }

    @Test
    void createsRelayedSession() {
        asServer().body(Map.of("mediaMode", "RELAYED", "archiveMode", "MANUAL"))
                .post("/api/v1/sessions").then()
                .statusCode(201)
                .body("mediaMode", equalTo("RELAYED"));
    }

    @Test
    void sessionIdsAreUnguessablyDifferent() {
        assertTrue(!createSession("ROUTED").equals(createSession("ROUTED")));
    }

    @Test
    void unknownSessionIsNotFoundProblem() {
        asServer().get("/api/v1/sessions/{id}", "nope").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:parley:problem:not-found"))
                .body("status", equalTo(404))
                .body("detail", containsString("nope"));
    }

    @Test
    void serverKeyIsRequired() {
        given().contentType(ContentType.JSON).post("/api/v1/sessions").then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("type", equalTo("urn:parley:problem:unauthenticated"));

        given().header("Authorization", "Bearer wrong-key").contentType(ContentType.JSON)
                .post("/api/v1/sessions").then()
                .statusCode(401)
                .body("type", equalTo("urn:parley:problem:invalid-token"));

        given().header("Authorization", "Basic dXNlcjpwYXNz").contentType(ContentType.JSON)
                .post("/api/v1/sessions").then()
                .statusCode(401);
    }

    @Test
    void sessionTokenCannotDoServerKeyWork() {
        String sessionId = createSession("ROUTED");
        String moderator = token(sessionId, "MODERATOR");
        withToken(moderator).post("/api/v1/sessions").then()
                .statusCode(403)
                .body("type", equalTo("urn:parley:problem:forbidden"));
        withToken(moderator).body(Map.of("role", "MODERATOR"))
                .post("/api/v1/sessions/{id}/tokens", sessionId).then()
                .statusCode(403);
    }

    @Test
    void tokenCarriesVonageStyleClaims() throws Exception {
        String sessionId = createSession("ROUTED");
        var response = asServer().body(Map.of("role", "PUBLISHER", "data", "{\"displayName\":\"Ada\"}", "ttlSeconds", 3600))
                .post("/api/v1/sessions/{id}/tokens", sessionId).then()
                .statusCode(201)
                .body("sessionId", equalTo(sessionId))
                .body("applicationId", equalTo("parley"))
                .body("role", equalTo("PUBLISHER"))
                .body("expiresAt", notNullValue())
                .extract();

        String token = response.path("token");
        JsonNode claims = claims(token);
        assertEquals("session.connect", claims.get("scope").asText());
        assertEquals(sessionId, claims.get("session_id").asText());
        assertEquals("publisher", claims.get("role").asText());
        assertEquals("{\"displayName\":\"Ada\"}", claims.get("connection_data").asText());
        assertEquals(3600, claims.get("exp").asLong() - claims.get("iat").asLong());
        assertTrue(claims.get("jti").asText().length() >= 16, "jti is a random id");
        assertEquals("ES256", ApiFixtures.header(token).get("alg").asText());
    }

    @Test
    void tokenDefaultsToTwentyFourHours() throws Exception {
        String sessionId = createSession("ROUTED");
        JsonNode claims = claims(token(sessionId, "SUBSCRIBER"));
        assertEquals(86_400, claims.get("exp").asLong() - claims.get("iat").asLong());
        assertEquals("subscriber", claims.get("role").asText());
    }

    @Test
    void tokenForUnknownSessionIsNotFound() {
        asServer().body(Map.of("role", "PUBLISHER"))
                .post("/api/v1/sessions/{id}/tokens", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").then()
                .statusCode(404);
    }

    @Test
    void malformedJsonIsBadRequest() {
        String sessionId = createSession("ROUTED");
        asServer().body("{\"role\": ").post("/api/v1/sessions/{id}/tokens", sessionId).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:parley:problem:malformed-body"));
    }

    @Test
    void unknownRoleNamesTheField() {
        String sessionId = createSession("ROUTED");
        asServer().body(Map.of("role", "ADMIN")).post("/api/v1/sessions/{id}/tokens", sessionId).then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:parley:problem:validation-failed"))
                .body("errors.field", hasItem("role"))
                .body("detail", containsString("SUBSCRIBER, PUBLISHER, MODERATOR"));
    }

    @Test
    void missingRoleNamesTheField() {
        String sessionId = createSession("ROUTED");
        asServer().body(Map.of("data", "x")).post("/api/v1/sessions/{id}/tokens", sessionId).then()
                .statusCode(400)
                .body("errors.field", hasItem("role"));
    }

    @Test
    void ttlOutOfRangeNamesTheField() {
        String sessionId = createSession("ROUTED");
        asServer().body(Map.of("role", "PUBLISHER", "ttlSeconds", 2_592_001))
                .post("/api/v1/sessions/{id}/tokens", sessionId).then()
                .statusCode(400)
                .body("errors.field", hasItem("ttlSeconds"));
        asServer().body(Map.of("role", "PUBLISHER", "ttlSeconds", 0))
                .post("/api/v1/sessions/{id}/tokens", sessionId).then()
                .statusCode(400)
                .body("errors.field", hasItem("ttlSeconds"));
        asServer().body(Map.of("role", "PUBLISHER", "ttlSeconds", "soon"))
                .post("/api/v1/sessions/{id}/tokens", sessionId).then()
                .statusCode(400)
                .body("errors.field", hasItem("ttlSeconds"));
    }

    @Test
    void oversizedDataNamesTheField() {
        String sessionId = createSession("ROUTED");
        asServer().body(Map.of("role", "PUBLISHER", "data", "x".repeat(1001)))
                .post("/api/v1/sessions/{id}/tokens", sessionId).then()
                .statusCode(400)
                .body("errors.field", hasItem("data"));
    }

    @Test
    void missingBodyIsBadRequest() {
        String sessionId = createSession("ROUTED");
        asServer().post("/api/v1/sessions/{id}/tokens", sessionId).then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void unknownMediaModeIsBadRequest() {
        asServer().body(Map.of("mediaMode", "MESH")).post("/api/v1/sessions").then()
                .statusCode(400)
                .body("errors.field", hasItem("mediaMode"));
    }
}
