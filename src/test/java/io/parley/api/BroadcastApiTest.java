package io.parley.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** The embedded platform does not broadcast, and says so; its listings are truthful (empty) rather than refused. */
@QuarkusTest
class BroadcastApiTest {

    private static final String SERVER_KEY = "test-server-key-0123456789";

    private static RequestSpecification asServer() {
        return given().header("Authorization", "Bearer " + SERVER_KEY).contentType(ContentType.JSON);
    }

    @Test
    void startingABroadcastIsNotSupportedOnTheEmbeddedPlatform() {
        String sessionId = asServer().body(Map.of()).post("/api/v1/sessions").then().statusCode(201).extract()
                .path("sessionId");
        asServer().body(Map.of("outputs", Map.of("hls", Map.of("lowLatency", true))))
                .post("/api/v1/sessions/{id}/broadcasts", sessionId).then().statusCode(501)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:parley:problem:not-supported"))
                .body("detail", containsString("BROADCAST"));
        asServer().body(Map.of("outputs", Map.of("hls", Map.of())))
                .post("/api/v1/sessions/{id}/broadcasts", "no-such-session").then().statusCode(404);
        asServer().get("/api/v1/platform").then()
                .body("capabilities.find { it.name == 'BROADCAST' }.supported", equalTo(false));
    }

    @Test
    void thereAreNoBroadcastsToListGetOrStop() {
        asServer().get("/api/v1/broadcasts").then().statusCode(200).body("count", equalTo(0));
        asServer().get("/api/v1/broadcasts/{id}", "b-1").then().statusCode(404)
                .contentType("application/problem+json");
        asServer().post("/api/v1/broadcasts/{id}/stop", "b-1").then().statusCode(404);
        asServer().body(Map.of("type", "pip")).put("/api/v1/broadcasts/{id}/layout", "b-1").then().statusCode(404);
        given().get("/api/v1/broadcasts").then().statusCode(401);
    }
}
