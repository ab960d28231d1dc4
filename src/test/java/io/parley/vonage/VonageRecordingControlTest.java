package io.parley.vonage;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.parley.vonage.VonageFixtures.SESSION_ID;
import static io.parley.vonage.VonageFixtures.archiveJson;
import static io.parley.vonage.VonageFixtures.archivePath;
import static io.parley.vonage.VonageFixtures.asServer;
import static io.parley.vonage.VonageFixtures.error;
import static io.parley.vonage.VonageFixtures.project;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Changes while recording on the Vonage platform: the real SDK against the stub. */
@QuarkusTest
@TestProfile(VonageProfile.class)
class VonageRecordingControlTest {

    private final WireMockServer vonage = VonageStub.server;

    @BeforeEach
    void reset() {
        vonage.resetAll();
    }

    private void archiveIs(String id, String status, String streamMode, String outputMode) {
        vonage.stubFor(get(urlPathEqualTo(archivePath(id))).willReturn(okJson(archiveJson(id, SESSION_ID, status)
                .replace("\"streamMode\":\"auto\"", "\"streamMode\":\"" + streamMode + "\"")
                .replace("\"outputMode\":\"composed\"", "\"outputMode\":\"" + outputMode + "\""))));
    }

    @Test
    void aRecordingArchivesLayoutChangesThroughTheSdk() {
        String id = UUID.randomUUID().toString();
        archiveIs(id, "started", "auto", "composed");
        vonage.stubFor(put(urlPathEqualTo(archivePath(id) + "/layout")).willReturn(aResponse().withStatus(200)));

        asServer().body(Map.of("type", "horizontalPresentation")).put("/api/v1/archives/{id}/layout", id).then()
                .statusCode(204);
        vonage.verify(putRequestedFor(urlPathEqualTo(archivePath(id) + "/layout"))
                .withRequestBody(equalToJson("{\"type\":\"horizontalPresentation\"}", true, true)));
    }

    @Test
    void anIndividualOrStoppedArchiveHasNoLayoutToChange() {
        String individual = UUID.randomUUID().toString();
        archiveIs(individual, "started", "auto", "individual");
        asServer().body(Map.of("type", "pip")).put("/api/v1/archives/{id}/layout", individual).then()
                .statusCode(409).body("detail", containsString("composed"));
        String stopped = UUID.randomUUID().toString();
        archiveIs(stopped, "stopped", "auto", "composed");
        asServer().body(Map.of("type", "pip")).put("/api/v1/archives/{id}/layout", stopped).then()
                .statusCode(409).body("detail", containsString("not recording"));
        asServer().body(Map.of("type", "custom")).put("/api/v1/archives/{id}/layout", stopped).then()
                .statusCode(400).body("errors[0].field", equalTo("layout.stylesheet"));
        vonage.verify(0, putRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void vonagesRefusalOfALayoutChangeIsAConflict() {
        String id = UUID.randomUUID().toString();
        archiveIs(id, "started", "auto", "composed");
        vonage.stubFor(put(urlPathEqualTo(archivePath(id) + "/layout"))
                .willReturn(error(409, "The archive is not composed")));
        asServer().body(Map.of("type", "pip")).put("/api/v1/archives/{id}/layout", id).then().statusCode(409)
                .body("detail", containsString("The archive is not composed"));
    }

    @Test
    void streamLayoutClassesGoToVonage() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        vonage.stubFor(put(urlPathEqualTo(project() + "/session/" + SESSION_ID + "/stream"))
                .willReturn(aResponse().withStatus(200)));
        asServer().body(Map.of("items", List.of(Map.of("id", a, "layoutClassList", List.of("focus")),
                        Map.of("id", b, "layoutClassList", List.of()))))
                .put("/api/v1/sessions/{id}/streams/layout", SESSION_ID).then().statusCode(204);
        vonage.verify(putRequestedFor(urlPathEqualTo(project() + "/session/" + SESSION_ID + "/stream"))
                .withRequestBody(equalToJson("{\"items\":[{\"id\":\"" + a + "\",\"layoutClassList\":[\"focus\"]},"
                        + "{\"id\":\"" + b + "\",\"layoutClassList\":[]}]}", true, false)));
    }

    @Test
    void streamsAreAddedToAndRemovedFromAManualArchive() {
        String id = UUID.randomUUID().toString();
        String stream = UUID.randomUUID().toString();
        archiveIs(id, "started", "manual", "composed");
        vonage.stubFor(patch(urlPathEqualTo(archivePath(id) + "/streams")).willReturn(aResponse().withStatus(204)));

        asServer().body(Map.of("addStream", stream, "hasVideo", false)).patch("/api/v1/archives/{id}/streams", id)
                .then().statusCode(204);
        vonage.verify(patchRequestedFor(urlPathEqualTo(archivePath(id) + "/streams"))
                .withRequestBody(equalToJson("{\"addStream\":\"" + stream + "\",\"hasVideo\":false}", true, true)));
        asServer().body(Map.of("removeStream", stream)).patch("/api/v1/archives/{id}/streams", id)
                .then().statusCode(204);
        vonage.verify(patchRequestedFor(urlPathEqualTo(archivePath(id) + "/streams"))
                .withRequestBody(equalToJson("{\"removeStream\":\"" + stream + "\"}", true, true)));
    }

    @Test
    void anAutoArchiveTakesNoStreamChangesAndTheBodyMustSayOneThing() {
        String id = UUID.randomUUID().toString();
        archiveIs(id, "started", "auto", "composed");
        asServer().body(Map.of("addStream", UUID.randomUUID().toString())).patch("/api/v1/archives/{id}/streams", id)
                .then().statusCode(409).body("detail", containsString("streamMode manual"));
        asServer().body(Map.of()).patch("/api/v1/archives/{id}/streams", id).then().statusCode(400)
                .body("errors[0].field", equalTo("addStream"));
        asServer().body(Map.of("addStream", "a", "removeStream", "b")).patch("/api/v1/archives/{id}/streams", id)
                .then().statusCode(400);
        vonage.verify(0, patchRequestedFor(urlPathMatching(".*")));
    }
}
