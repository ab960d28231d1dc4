package io.parley.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.parley.api.ApiFixtures.asServer;
import static io.parley.api.ApiFixtures.createSession;
import static io.parley.api.ApiFixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Every failure, including the framework's own, is an RFC 9457 problem. */
@QuarkusTest
class ProblemShapeTest {

    @Test
    void unknownRouteIsANotFoundProblem() {
        given().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not found"))
                .body("instance", equalTo("/api/v1/nothing-here"));
    }

    @Test
    void wrongMethodIsAProblem() {
        asServer().put("/api/v1/sessions").then().statusCode(405)
                .contentType("application/problem+json")
                .body("status", equalTo(405));
    }

    @Test
    void wrongContentTypeIsAProblem() {
        given().header("Authorization", "Bearer " + ApiFixtures.SERVER_KEY).contentType("text/plain").body("ROUTED")
                .post("/api/v1/sessions").then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", containsString("application/json"));
    }

    @Test
    void otherSchemesAreUnauthenticated() {
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/archives").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void garbageTokenIsRefusedWithoutBeingEchoed() {
        String garbage = "eyJhbGciOiJub25lIn0.eyJzZXNzaW9uX2lkIjoieCJ9.sig-that-is-secret";
        given().header("Authorization", "Bearer " + garbage).get("/api/v1/archives").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body(not(containsString(garbage)))
                .body("type", equalTo("urn:parley:problem:invalid-token"));
    }

    @Test
    void tamperedTokenIsRefused() {
        String token = token(createSession("ROUTED"), "SUBSCRIBER");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        given().header("Authorization", "Bearer " + forged).get("/api/v1/archives").then().statusCode(401);
    }

    @Test
    void secretsDoNotAppearInResponses() {
        String sessionId = createSession("ROUTED");
        asServer().body(Map.of("role", "PUBLISHER")).post("/api/v1/sessions/{id}/tokens", sessionId).then()
                .statusCode(201)
                .body(not(containsString(ApiFixtures.SERVER_KEY)));
        given().header("Authorization", "Bearer " + ApiFixtures.SERVER_KEY + "x").get("/api/v1/archives").then()
                .statusCode(401)
                .body(not(containsString(ApiFixtures.SERVER_KEY)));
    }
}
