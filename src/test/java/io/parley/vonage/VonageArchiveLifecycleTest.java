package io.parley.vonage;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.parley.vonage.VonageFixtures.SESSION_ID;
import static io.parley.vonage.VonageFixtures.archiveJson;
import static io.parley.vonage.VonageFixtures.archivePath;
import static io.parley.vonage.VonageFixtures.asServer;
import static io.parley.vonage.VonageFixtures.project;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * An archive's whole life on the Vonage platform, with Vonage's answers moving through WireMock scenario states:
 * what GET, the list and the playback route answer at each stage. Playback asks Vonage afresh every time, because
 * Vonage's media URLs work for minutes only.
 */
@QuarkusTest
@TestProfile(VonageProfile.class)
class VonageArchiveLifecycleTest {

    private final WireMockServer vonage = VonageStub.server;

    @BeforeEach
    void reset() {
        vonage.resetAll();
    }

    @Test
    void startedStoppedAvailableExpired() {
        String id = UUID.randomUUID().toString();
        String life = "life of " + id;
        String url = "https://media.example/" + id + ".mp4?token=fresh";
        vonage.stubFor(post(urlPathEqualTo(project() + "/archive")).willReturn(vonageArchive(id, "started")));
        vonage.stubFor(post(urlPathEqualTo(archivePath(id) + "/stop")).inScenario(life)
                .willSetStateTo("stopped").willReturn(vonageArchive(id, "stopped")));
        stubRead(id, life, STARTED, vonageArchive(id, "started"));
        stubRead(id, life, "stopped", vonageArchive(id, "stopped"));
        stubRead(id, life, "available", okJson(archiveJson(id, SESSION_ID, "available")
                .replace("\"url\":null", "\"url\":\"" + url + "\"")));
        stubRead(id, life, "expired", vonageArchive(id, "expired"));

        asServer().body(Map.of("outputMode", "COMPOSED")).post("/api/v1/sessions/{id}/archives", SESSION_ID).then()
                .statusCode(201).body("status", equalTo("STARTED"));
        read(id).body("status", equalTo("STARTED"));
        playback(id).statusCode(409).body("detail", containsString("still recording"));

        asServer().post("/api/v1/archives/{id}/stop", id).then().statusCode(200).body("status", equalTo("STOPPED"));
        read(id).body("status", equalTo("STOPPED"));
        playback(id).statusCode(409).body("detail", containsString("being processed"));

        vonage.setScenarioState(life, "available");
        read(id).body("status", equalTo("AVAILABLE")).body("url", org.hamcrest.Matchers.nullValue());
        int reads = reads(id);
        playback(id).statusCode(302).header("Location", url);
        playback(id).statusCode(302).header("Location", url);
        // every playback asked Vonage: a media URL is never answered from memory
        org.junit.jupiter.api.Assertions.assertEquals(reads + 2, reads(id));

        vonage.setScenarioState(life, "expired");
        read(id).body("status", equalTo("EXPIRED"));
        playback(id).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("expired"));
    }

    @Test
    void failedAndUploadedArchivesSayWhyTheyCannotBePlayed() {
        String failed = UUID.randomUUID().toString();
        String uploaded = UUID.randomUUID().toString();
        vonage.stubFor(get(urlPathEqualTo(archivePath(failed))).willReturn(okJson(archiveJson(failed, SESSION_ID,
                "failed").replace("\"reason\":\"\"", "\"reason\":\"media processing error\""))));
        vonage.stubFor(get(urlPathEqualTo(archivePath(uploaded))).willReturn(vonageArchive(uploaded, "uploaded")));
        vonage.stubFor(get(urlPathEqualTo(project() + "/archive")).willReturn(okJson("{\"count\":2,\"items\":["
                + archiveJson(failed, SESSION_ID, "failed") + "," + archiveJson(uploaded, SESSION_ID, "uploaded")
                + "]}")));

        read(failed).body("status", equalTo("FAILED")).body("reason", equalTo("media processing error"));
        playback(failed).statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("The archive failed: media processing error"));
        read(uploaded).body("status", equalTo("UPLOADED"));
        playback(uploaded).statusCode(409).body("detail", containsString("account's own storage"));
        asServer().queryParam("sessionId", SESSION_ID).get("/api/v1/archives").then()
                .statusCode(200)
                .body("items.status", containsInAnyOrder("FAILED", "UPLOADED"));
    }

    @Test
    void aCallbackIsReportedBeforeVonagesReadCatchesUpButPlaybackWaitsForAFreshUrl() {
        String id = UUID.randomUUID().toString();
        String life = "lagging " + id;
        String url = "https://media.example/" + id + ".mp4?token=fresh";
        stubRead(id, life, STARTED, vonageArchive(id, "stopped"));
        stubRead(id, life, "caught up", okJson(archiveJson(id, SESSION_ID, "available")
                .replace("\"url\":null", "\"url\":\"" + url + "\"")));
        // Vonage's callback carries a url too; Parley keeps no media URL, so playback never uses it
        String body = VonageCallbackFixtures.callback(id, SESSION_ID, "available");
        given().header("Authorization", "Bearer " + VonageCallbackFixtures.sign(body, VonageStub.CALLBACK_SECRET))
                .contentType("application/json").body(body)
                .post("/api/v1/callbacks/vonage").then().statusCode(204);

        read(id).body("status", equalTo("AVAILABLE"));
        playback(id).statusCode(409).body("detail", containsString("try again shortly"));
        vonage.stubFor(get(urlPathEqualTo(project() + "/archive")).willReturn(okJson(
                "{\"count\":1,\"items\":[" + archiveJson(id, SESSION_ID, "stopped") + "]}")));
        asServer().queryParam("sessionId", SESSION_ID).get("/api/v1/archives").then()
                .statusCode(200).body("items[0].status", equalTo("AVAILABLE"));

        vonage.setScenarioState(life, "caught up");
        playback(id).statusCode(302).header("Location", url);
    }

    private int reads(String id) {
        return vonage.countRequestsMatching(getRequestedFor(urlPathEqualTo(archivePath(id))).build()).getCount();
    }

    private void stubRead(String id, String scenario, String state, ResponseDefinitionBuilder answer) {
        vonage.stubFor(get(urlPathEqualTo(archivePath(id))).inScenario(scenario).whenScenarioStateIs(state)
                .willReturn(answer));
    }

    private static ResponseDefinitionBuilder vonageArchive(String id, String status) {
        return okJson(archiveJson(id, SESSION_ID, status));
    }

    private static ValidatableResponse read(String id) {
        return asServer().get("/api/v1/archives/{id}", id).then().statusCode(200);
    }

    private static ValidatableResponse playback(String id) {
        return asServer().redirects().follow(false).get("/api/v1/archives/{id}/playback", id).then();
    }
}
