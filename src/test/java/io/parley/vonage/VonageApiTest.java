package io.parley.vonage;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.parley.vonage.VonageFixtures.SESSION_ID;
import static io.parley.vonage.VonageFixtures.archive;
import static io.parley.vonage.VonageFixtures.archiveJson;
import static io.parley.vonage.VonageFixtures.archivePath;
import static io.parley.vonage.VonageFixtures.asServer;
import static io.parley.vonage.VonageFixtures.claims;
import static io.parley.vonage.VonageFixtures.error;
import static io.parley.vonage.VonageFixtures.project;
import static io.parley.vonage.VonageFixtures.withToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST API on the Vonage platform: the real SDK against a WireMock stand-in for Vonage. */
@QuarkusTest
@TestProfile(VonageProfile.class)
class VonageApiTest {

    private final WireMockServer vonage = VonageStub.server;

    @BeforeEach
    void reset() {
        vonage.resetAll();
    }

    @Test
    void routedSessionAsksVonageForItsMediaRouter() {
        stubCreateSession();
        asServer().body(Map.of("mediaMode", "ROUTED", "archiveMode", "MANUAL")).post("/api/v1/sessions").then()
                .statusCode(201)
                .body("sessionId", org.hamcrest.Matchers.equalTo(SESSION_ID))
                .body("mediaMode", org.hamcrest.Matchers.equalTo("ROUTED"));
        vonage.verify(postRequestedFor(urlPathEqualTo("/session/create"))
                .withRequestBody(containing("p2p.preference=disabled"))
                .withRequestBody(containing("archiveMode=manual")));
    }

    @Test
    void relayedSessionIsPeerToPeer() {
        stubCreateSession();
        asServer().body(Map.of("mediaMode", "RELAYED")).post("/api/v1/sessions").then()
                .statusCode(201)
                .body("mediaMode", org.hamcrest.Matchers.equalTo("RELAYED"));
        vonage.verify(postRequestedFor(urlPathEqualTo("/session/create"))
                .withRequestBody(containing("p2p.preference=enabled")));
    }

    @Test
    void relayedSessionCannotArchiveAlwaysAndVonageIsNotAsked() {
        asServer().body(Map.of("mediaMode", "RELAYED", "archiveMode", "ALWAYS")).post("/api/v1/sessions").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("archiveMode"));
        vonage.verify(0, postRequestedFor(urlPathEqualTo("/session/create")));
    }

    @Test
    void sessionReportsVonageStreams() {
        String streamId = UUID.randomUUID().toString();
        vonage.stubFor(get(urlPathEqualTo(project() + "/session/" + SESSION_ID + "/stream")).willReturn(okJson(
                "{\"count\":1,\"items\":[{\"id\":\"" + streamId + "\",\"videoType\":\"screen\",\"name\":\"Ada\","
                        + "\"layoutClassList\":[]}]}")));
        asServer().get("/api/v1/sessions/{id}", SESSION_ID).then()
                .statusCode(200)
                .body("sessionId", org.hamcrest.Matchers.equalTo(SESSION_ID))
                .body("streams", hasSize(1))
                .body("streams[0].streamId", org.hamcrest.Matchers.equalTo(streamId))
                .body("streams[0].videoType", org.hamcrest.Matchers.equalTo("SCREEN"))
                .body("connections", hasSize(0));
    }

    @Test
    void tokenIsSignedBySdkAndAcceptedAsBearer() throws Exception {
        String token = asServer().body(Map.of("role", "PUBLISHER", "data", "name=Ada", "ttlSeconds", 600))
                .post("/api/v1/sessions/{id}/tokens", SESSION_ID).then()
                .statusCode(201)
                .body("applicationId", org.hamcrest.Matchers.equalTo(VonageStub.APPLICATION_ID))
                .body("role", org.hamcrest.Matchers.equalTo("PUBLISHER"))
                .body("expiresAt", notNullValue())
                .extract().path("token");
        JsonNode claims = claims(token);
        assertEquals(SESSION_ID, claims.get("session_id").asText());
        assertEquals("publisher", claims.get("role").asText());
        assertEquals("name=Ada", claims.get("connection_data").asText());
        assertEquals(VonageStub.APPLICATION_ID, claims.get("application_id").asText());
        long exp = claims.get("exp").asLong();
        long now = Instant.now().getEpochSecond();
        assertTrue(exp > now + 590 && exp <= now + 610, "exp is ten minutes away: " + (exp - now));

        String archiveId = UUID.randomUUID().toString();
        vonage.stubFor(get(archivePath(archiveId)).willReturn(archive(archiveId, "available")));
        withToken(token).get("/api/v1/archives/{id}", archiveId).then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("AVAILABLE"));

        // a token of this session sees only this session's archives
        String other = UUID.randomUUID().toString();
        vonage.stubFor(get(archivePath(other)).willReturn(okJson(archiveJson(other, "2_other", "available"))));
        withToken(token).get("/api/v1/archives/{id}", other).then().statusCode(404);
    }

    @Test
    void tamperedTokenIsRefused() throws Exception {
        String token = asServer().body(Map.of("role", "MODERATOR"))
                .post("/api/v1/sessions/{id}/tokens", SESSION_ID).then().statusCode(201).extract().path("token");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA";
        withToken(forged).get("/api/v1/archives").then()
                .statusCode(401)
                .body("type", org.hamcrest.Matchers.equalTo("urn:parley:problem:invalid-token"));
    }

    @Test
    void archiveLifecycle() {
        String id = UUID.randomUUID().toString();
        vonage.stubFor(post(urlPathEqualTo(project() + "/archive")).willReturn(archive(id, "started")));
        vonage.stubFor(post(urlPathEqualTo(archivePath(id) + "/stop")).willReturn(archive(id, "stopped")));
        vonage.stubFor(get(urlPathEqualTo(archivePath(id))).willReturn(archive(id, "stopped")));
        vonage.stubFor(get(urlPathEqualTo(project() + "/archive")).willReturn(okJson(
                "{\"count\":1,\"items\":[" + archiveJson(id, SESSION_ID, "stopped") + "]}")));
        vonage.stubFor(delete(urlPathEqualTo(archivePath(id))).willReturn(aResponse().withStatus(204)));

        asServer().body(Map.of("name", "standup", "outputMode", "COMPOSED", "resolution", "1280x720"))
                .post("/api/v1/sessions/{id}/archives", SESSION_ID).then()
                .statusCode(201)
                .body("id", org.hamcrest.Matchers.equalTo(id))
                .body("status", org.hamcrest.Matchers.equalTo("STARTED"))
                .body("resolution", org.hamcrest.Matchers.equalTo("1280x720"));
        vonage.verify(postRequestedFor(urlPathEqualTo(project() + "/archive"))
                .withRequestBody(equalToJson("{\"sessionId\":\"" + SESSION_ID + "\",\"name\":\"standup\","
                        + "\"outputMode\":\"composed\",\"resolution\":\"1280x720\"}", true, true)));

        asServer().post("/api/v1/archives/{id}/stop", id).then()
                .statusCode(200).body("status", org.hamcrest.Matchers.equalTo("STOPPED"));
        asServer().get("/api/v1/archives/{id}", id).then()
                .statusCode(200)
                .body("sessionId", org.hamcrest.Matchers.equalTo(SESSION_ID))
                .body("duration", org.hamcrest.Matchers.equalTo(42))
                .body("size", org.hamcrest.Matchers.equalTo(1024));
        asServer().queryParam("sessionId", SESSION_ID).queryParam("count", 10).get("/api/v1/archives").then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", org.hamcrest.Matchers.equalTo(id));
        vonage.verify(getRequestedFor(urlPathEqualTo(project() + "/archive"))
                .withQueryParam("sessionId", equalTo(SESSION_ID))
                .withQueryParam("count", equalTo("10")));
        asServer().delete("/api/v1/archives/{id}", id).then().statusCode(204);
        vonage.verify(deleteRequestedFor(urlPathEqualTo(archivePath(id))));
    }

    @Test
    void moderationReachesVonage() {
        String connectionId = UUID.randomUUID().toString();
        String streamId = UUID.randomUUID().toString();
        vonage.stubFor(delete(urlPathMatching(project() + "/session/[^/]+/connection/[^/]+"))
                .willReturn(aResponse().withStatus(204)));
        vonage.stubFor(post(urlPathMatching(project() + "/session/[^/]+/stream/[^/]+/mute"))
                .willReturn(okJson("{}")));

        asServer().post("/api/v1/sessions/{s}/connections/{c}/disconnect", SESSION_ID, connectionId).then()
                .statusCode(204);
        asServer().post("/api/v1/sessions/{s}/streams/{st}/mute", SESSION_ID, streamId).then()
                .statusCode(204);
        vonage.verify(deleteRequestedFor(urlPathEqualTo(
                project() + "/session/" + SESSION_ID + "/connection/" + connectionId)));
        vonage.verify(postRequestedFor(urlPathEqualTo(
                project() + "/session/" + SESSION_ID + "/stream/" + streamId + "/mute")));
    }

    @Test
    void unknownArchiveIsNotFound() {
        String id = UUID.randomUUID().toString();
        vonage.stubFor(get(urlPathEqualTo(archivePath(id))).willReturn(error(404, "Archive not found")));
        asServer().get("/api/v1/archives/{id}", id).then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString(id));
    }

    @Test
    void archiveIdThatIsNoUuidIsNotFoundWithoutAskingVonage() {
        asServer().get("/api/v1/archives/{id}", "not-a-uuid").then()
                .statusCode(404)
                .body("type", org.hamcrest.Matchers.equalTo("urn:parley:problem:not-found"));
        asServer().post("/api/v1/sessions/{s}/streams/{st}/mute", SESSION_ID, "nope").then().statusCode(404);
        vonage.verify(0, getRequestedFor(urlPathMatching(".*")));
        vonage.verify(0, postRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void conflictCarriesVonageReason() {
        vonage.stubFor(post(urlPathEqualTo(project() + "/archive"))
                .willReturn(error(409, "The session is already being recorded")));
        asServer().body(Map.of("outputMode", "COMPOSED")).post("/api/v1/sessions/{id}/archives", SESSION_ID).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("The session is already being recorded"));
    }

    @Test
    void vonageFailureIsUnavailableWithRetryAfter() {
        String id = UUID.randomUUID().toString();
        vonage.stubFor(get(urlPathEqualTo(archivePath(id))).willReturn(archive(id, "started")));
        vonage.stubFor(post(urlPathEqualTo(archivePath(id) + "/stop")).willReturn(error(500, "Internal error")));
        asServer().post("/api/v1/archives/{id}/stop", id).then()
                .statusCode(503)
                .header("Retry-After", matchesNumber())
                .body("type", org.hamcrest.Matchers.equalTo("urn:parley:problem:upstream-unavailable"));
        // a stop is not idempotent enough to repeat blindly: exactly one call
        vonage.verify(1, postRequestedFor(urlPathEqualTo(archivePath(id) + "/stop")));
    }

    @Test
    void errorPageThatIsNotJsonKeepsItsStatus() {
        String id = UUID.randomUUID().toString();
        vonage.stubFor(get(urlPathEqualTo(archivePath(id)))
                .willReturn(aResponse().withStatus(404).withBody("<html>Not here</html>")));
        asServer().get("/api/v1/archives/{id}", id).then().statusCode(404);
    }

    @Test
    void readsAreRetriedOnOutage() {
        String id = UUID.randomUUID().toString();
        vonage.stubFor(get(urlPathEqualTo(archivePath(id))).willReturn(error(503, "Try later")));
        asServer().get("/api/v1/archives/{id}", id).then().statusCode(503);
        vonage.verify(3, getRequestedFor(urlPathEqualTo(archivePath(id))));
    }

    @Test
    void refusedCredentialsAreBadGateway() {
        vonage.stubFor(post(urlPathEqualTo("/session/create")).willReturn(error(403, "Invalid credentials")));
        asServer().post("/api/v1/sessions").then()
                .statusCode(502)
                .body("type", org.hamcrest.Matchers.equalTo("urn:parley:problem:upstream-rejected"))
                .body("detail", containsString("Vonage rejected Parley's request/credentials"));
    }

    @Test
    void slowVonageTimesOut() {
        String id = UUID.randomUUID().toString();
        vonage.stubFor(get(urlPathEqualTo(archivePath(id))).willReturn(archive(id, "started")));
        vonage.stubFor(post(urlPathEqualTo(archivePath(id) + "/stop"))
                .willReturn(archive(id, "stopped").withFixedDelay(3_000)));
        long started = System.nanoTime();
        asServer().post("/api/v1/archives/{id}/stop", id).then()
                .statusCode(503)
                .header("Retry-After", matchesNumber())
                .body("detail", containsString("did not answer"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 2_900, "answered after the 2 s timeout, not after Vonage's 3 s: " + millis);
    }

    @Test
    void signedCallbackUpdatesWhatTheApiReports() {
        String id = UUID.randomUUID().toString();
        // Vonage's read still says "stopped" while its callback already said "available"
        vonage.stubFor(get(urlPathEqualTo(archivePath(id))).willReturn(archive(id, "stopped")));
        String body = VonageCallbackFixtures.callback(id, SESSION_ID, "available");

        given().header("Authorization", "Bearer " + VonageCallbackFixtures.sign(body, VonageStub.CALLBACK_SECRET))
                .contentType("application/json").body(body)
                .post("/api/v1/callbacks/vonage").then().statusCode(204);

        asServer().get("/api/v1/archives/{id}", id).then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("AVAILABLE"))
                .body("size", org.hamcrest.Matchers.equalTo(2048));
    }

    @Test
    void callbackWithBadSignatureIsRefused() {
        String id = UUID.randomUUID().toString();
        String body = VonageCallbackFixtures.callback(id, SESSION_ID, "failed");
        given().header("Authorization", "Bearer " + VonageCallbackFixtures.sign(body, "some-other-secret-0123456789abcdef"))
                .contentType("application/json").body(body)
                .post("/api/v1/callbacks/vonage").then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().contentType("application/json").body(body)
                .post("/api/v1/callbacks/vonage").then().statusCode(401);
        // signed, but for another body
        String other = VonageCallbackFixtures.callback(id, SESSION_ID, "available");
        given().header("Authorization", "Bearer " + VonageCallbackFixtures.sign(other, VonageStub.CALLBACK_SECRET))
                .contentType("application/json").body(body)
                .post("/api/v1/callbacks/vonage").then().statusCode(401);

        vonage.stubFor(get(urlPathEqualTo(archivePath(id))).willReturn(archive(id, "stopped")));
        asServer().get("/api/v1/archives/{id}", id).then().body("status", org.hamcrest.Matchers.equalTo("STOPPED"));
    }

    @Test
    void readinessReportsVonage() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'vonage' }.status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == 'vonage' }.data.applicationId",
                        org.hamcrest.Matchers.equalTo(VonageStub.APPLICATION_ID));
    }

    @Test
    void aRoomsStatusSaysItIsRecordedWhileVonageListsAStartedArchive() {
        stubCreateSession();
        String room = "vonage-status-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("displayName", "Ada"))
                .post("/api/v1/rooms/{name}/join", room).then().statusCode(200);
        vonage.stubFor(get(urlPathEqualTo(project() + "/archive")).willReturn(okJson(
                "{\"count\":1,\"items\":[" + archiveJson(UUID.randomUUID().toString(), SESSION_ID, "started")
                        + "]}")));
        given().get("/api/v1/rooms/{name}/status", room).then().statusCode(200).body("recording",
                org.hamcrest.Matchers.equalTo(true));
        vonage.verify(getRequestedFor(urlPathEqualTo(project() + "/archive")).withQueryParam("sessionId",
                equalTo(SESSION_ID)));
    }

    private void stubCreateSession() {
        vonage.stubFor(post(urlPathEqualTo("/session/create")).willReturn(okJson(
                "[{\"session_id\":\"" + SESSION_ID + "\",\"application_id\":\"" + VonageStub.APPLICATION_ID
                        + "\",\"create_dt\":\"Tue Nov 14 22:13:20 UTC 2023\",\"media_server_url\":\"\"}]")));
    }

    private static org.hamcrest.Matcher<String> matchesNumber() {
        return org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*");
    }
}
