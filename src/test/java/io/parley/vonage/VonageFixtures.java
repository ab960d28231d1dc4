package io.parley.vonage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.restassured.RestAssured.given;

/** The server key of the test profile, Vonage's JSON shapes, and the paths the SDK calls. */
final class VonageFixtures {

    static final String SERVER_KEY = "test-server-key-0123456789";
    static final String SESSION_ID = "1_MX4xMjM0NTY3OH5-MTcwMDAwMDAwMDAwMH5hYmNkZWZnaGlqa2xtbm9wcXJzdA";
    private static final ObjectMapper JSON = new ObjectMapper();

    private VonageFixtures() {
    }

    static RequestSpecification asServer() {
        return given().header("Authorization", "Bearer " + SERVER_KEY).contentType(ContentType.JSON);
    }

    static RequestSpecification withToken(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    static String project() {
        return "/v2/project/" + VonageStub.APPLICATION_ID;
    }

    static String archivePath(String archiveId) {
        return project() + "/archive/" + archiveId;
    }

    /** An archive as Vonage's REST API returns it. */
    static String archiveJson(String id, String sessionId, String status) {
        return """
                {"id":"%s","sessionId":"%s","applicationId":"%s","name":"standup","status":"%s",
                 "outputMode":"composed","hasAudio":true,"hasVideo":true,"resolution":"1280x720",
                 "createdAt":1700000000000,"duration":42,"size":1024,"reason":"","url":null,
                 "streamMode":"auto","streams":[]}
                """.formatted(id, sessionId, VonageStub.APPLICATION_ID, status);
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder archive(String id, String status) {
        return okJson(archiveJson(id, SESSION_ID, status));
    }

    /** Vonage's video API error shape. */
    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":" + status + ",\"message\":\"" + message + "\"}");
    }

    static JsonNode claims(String jwt) throws Exception {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
