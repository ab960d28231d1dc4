package io.parley.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Shared steps of the API tests: the test profile's server key, and sessions and tokens made through the API. */
final class ApiFixtures {

    static final String SERVER_KEY = "test-server-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiFixtures() {
    }

    static RequestSpecification asServer() {
        return given().header("Authorization", "Bearer " + SERVER_KEY).contentType(ContentType.JSON);
    }

    static RequestSpecification withToken(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    static String createSession(String mediaMode) {
        return asServer().body(Map.of("mediaMode", mediaMode))
                .post("/api/v1/sessions").then().statusCode(201).extract().path("sessionId");
    }

    static String token(String sessionId, String role) {
        return asServer().body(Map.of("role", role))
                .post("/api/v1/sessions/{id}/tokens", sessionId).then().statusCode(201).extract().path("token");
    }

    /** The claims of a JWT, read without verifying it: the tests check what clients will see. */
    static JsonNode claims(String jwt) throws Exception {
        String[] parts = jwt.split("\\.");
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    static JsonNode header(String jwt) throws Exception {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
    }
}
