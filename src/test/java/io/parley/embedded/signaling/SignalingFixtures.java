package io.parley.embedded.signaling;

import io.restassured.RestAssured;

import java.net.URI;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Sessions and tokens made through the REST API, and where the signaling socket is. */
final class SignalingFixtures {

    static final String SERVER_KEY = "test-server-key-0123456789";

    private SignalingFixtures() {
    }

    static URI base() {
        return URI.create("ws://127.0.0.1:" + RestAssured.port);
    }

    static String relayedSession() {
        return session("RELAYED");
    }

    static String session(String mediaMode) {
        return given().header("Authorization", "Bearer " + SERVER_KEY).contentType("application/json")
                .body(Map.of("mediaMode", mediaMode)).post("/api/v1/sessions").then().statusCode(201)
                .extract().path("sessionId");
    }

    static String token(String sessionId, String role, String displayName) {
        return given().header("Authorization", "Bearer " + SERVER_KEY).contentType("application/json")
                .body(Map.of("role", role, "data", "{\"displayName\":\"" + displayName + "\"}"))
                .post("/api/v1/sessions/{id}/tokens", sessionId).then().statusCode(201)
                .extract().path("token");
    }

    static SignalingClient join(String sessionId, String role, String displayName) {
        return SignalingClient.connect(base(), token(sessionId, role, displayName));
    }
}
