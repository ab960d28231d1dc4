package io.parley.api;

import io.parley.callbacks.CallbackReceiverStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.parley.api.ApiFixtures.asServer;
import static io.parley.api.ApiFixtures.token;
import static io.parley.api.ApiFixtures.withToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Archive routes over archives that exist. The embedded platform cannot record until media arrives, so the archives
 * are written into the data directory before start-up, as a recorder would leave them: the files are the truth.
 */
@QuarkusTest
@TestProfile(ArchiveLifecycleTest.SeededArchives.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArchiveLifecycleTest {

    static final String SESSION = "SeededSessionAAAAAAAAAAAAAAAAAAA";
    static final String OTHER_SESSION = "SeededSessionBBBBBBBBBBBBBBBBBBB";
    static final String RECORDING = "a0000000-0000-4000-8000-000000000001";
    static final String AVAILABLE = "a0000000-0000-4000-8000-000000000002";
    static final String FAILED = "a0000000-0000-4000-8000-000000000003";
    static final String OTHERS = "a0000000-0000-4000-8000-000000000004";
    static final String TO_DELETE = "a0000000-0000-4000-8000-000000000005";
    static final String GONE = "a0000000-0000-4000-8000-000000000006";
    static final byte[] MEDIA = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    public static class SeededArchives implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CallbackReceiverStub.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory(Path.of("target"), "seeded-data-");
                session(dir, SESSION);
                session(dir, OTHER_SESSION);
                archive(dir, RECORDING, SESSION, "STARTED", "2026-01-01T10:00:00Z", null, null);
                archive(dir, AVAILABLE, SESSION, "AVAILABLE", "2026-01-01T09:00:00Z", null, null);
                Files.write(dir.resolve("archives").resolve(AVAILABLE).resolve("archive.mp4"), MEDIA);
                archive(dir, FAILED, SESSION, "FAILED", "2026-01-01T08:00:00Z", "disk full", null);
                archive(dir, TO_DELETE, SESSION, "STOPPED", "2026-01-01T07:00:00Z", null, null);
                archive(dir, GONE, SESSION, "DELETED", "2026-01-01T09:30:00Z", null, null);
                archive(dir, OTHERS, OTHER_SESSION, "AVAILABLE", "2026-01-01T11:00:00Z", null, "https://media.example/a4.mp4");
                return Map.of("parley.data-dir", dir.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void session(Path dir, String id) throws IOException {
            Path file = dir.resolve("sessions").resolve(id + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, """
                    {"id":"%s","mediaMode":"ROUTED","archiveMode":"MANUAL","createdAt":"2026-01-01T00:00:00Z"}
                    """.formatted(id));
        }

        private static void archive(Path dir, String id, String sessionId, String status, String createdAt,
                                    String reason, String url) throws IOException {
            Path file = dir.resolve("archives").resolve(id).resolve("archive.json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, """
                    {"id":"%s","sessionId":"%s","name":"seeded","status":"%s","outputMode":"COMPOSED",
                     "hasAudio":true,"hasVideo":true,"resolution":"640x480","createdAt":"%s","duration":15,
                     "size":1000,"reason":%s,"url":%s}
                    """.formatted(id, sessionId, status, createdAt, json(reason), json(url)));
        }

        private static String json(String value) {
            return value == null ? "null" : "\"" + value + "\"";
        }
    }

    @Test
    void tokenSeesItsSessionsArchivesNewestFirst() {
        withToken(token(SESSION, "SUBSCRIBER")).get("/api/v1/archives").then().statusCode(200)
                .body("count", equalTo(4))
                .body("items.id", contains(RECORDING, AVAILABLE, FAILED, TO_DELETE));
        asServer().queryParam("count", 2).queryParam("offset", 1).get("/api/v1/archives").then().statusCode(200)
                .body("count", equalTo(5))
                .body("items.id", contains(RECORDING, AVAILABLE));
    }

    @Test
    void archivesOfAnotherSessionAreNotFoundForItsTokens() {
        String subscriber = token(SESSION, "SUBSCRIBER");
        withToken(subscriber).get("/api/v1/archives/{id}", AVAILABLE).then().statusCode(200)
                .body("status", equalTo("AVAILABLE"))
                .body("sessionId", equalTo(SESSION));
        withToken(subscriber).get("/api/v1/archives/{id}", OTHERS).then().statusCode(404);
        withToken(subscriber).get("/api/v1/archives/{id}/playback", OTHERS).then().statusCode(404);
        withToken(token(SESSION, "MODERATOR")).post("/api/v1/archives/{id}/stop", OTHERS).then().statusCode(404);
    }

    @Test
    void playbackRedirectsToASignedMediaUrlServedWithRanges() {
        String subscriber = token(SESSION, "SUBSCRIBER");
        String location = withToken(subscriber).redirects().follow(false)
                .get("/api/v1/archives/{id}/playback", AVAILABLE).then()
                .statusCode(302).extract().header("Location");
        assertThat(location).contains("/media/archives/" + AVAILABLE + "?expires=").contains("&signature=");
        // relative, so a forged Host header cannot put the signed URL on another server
        assertThat(withToken(subscriber).redirects().follow(false).header("Host", "evil.example")
                .get("/api/v1/archives/{id}/playback", AVAILABLE).then().statusCode(302).extract().header("Location"))
                .startsWith("/media/archives/" + AVAILABLE + "?");

        given().get(location).then().statusCode(200)
                .contentType("video/mp4")
                .header("Accept-Ranges", "bytes")
                .header("Content-Length", String.valueOf(MEDIA.length));
        byte[] part = given().header("Range", "bytes=2-5").get(location).then().statusCode(206)
                .header("Content-Range", "bytes 2-5/" + MEDIA.length)
                .extract().asByteArray();
        assertThat(part).containsExactly(2, 3, 4, 5);
        given().header("Range", "bytes=999-").get(location).then().statusCode(416)
                .header("Content-Range", "bytes */" + MEDIA.length)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:parley:problem:range-not-satisfiable"));

        given().get(location.replace("signature=", "signature=x")).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:parley:problem:forbidden"))
                .body("detail", containsString("invalid or has expired"));
        given().get(location.replaceAll("expires=\\d+", "expires=1")).then().statusCode(403);
    }

    @Test
    void playbackOfArchivesThatAreNotAvailableSaysWhy() {
        String subscriber = token(SESSION, "SUBSCRIBER");
        withToken(subscriber).get("/api/v1/archives/{id}/playback", FAILED).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("disk full"));
    }

    @Test
    void anArchiveACrashLeftRecordingIsRecoveredAtStartUp() {
        // nothing was written for it, so recovery can only fail it, with the reason
        asServer().get("/api/v1/archives/{id}", RECORDING).then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("reason", notNullValue());
    }

    @Test
    void statusChangesOfTheEmbeddedPlatformReachTheCallbackUrl() throws Exception {
        asServer().get("/api/v1/archives/{id}", RECORDING).then().statusCode(200);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        java.util.List<com.github.tomakehurst.wiremock.verification.LoggedRequest> delivered = List.of();
        while (System.nanoTime() < deadline) {
            delivered = CallbackReceiverStub.server.findAll(com.github.tomakehurst.wiremock.client.WireMock
                    .postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                            CallbackReceiverStub.PATH)));
            if (delivered.stream().anyMatch(r -> r.getBodyAsString().contains(RECORDING)
                    && r.getBodyAsString().contains("\"failed\""))) {
                break;
            }
            Thread.sleep(100);
        }
        List<String> statuses = delivered.stream().filter(r -> r.getBodyAsString().contains(RECORDING))
                .map(r -> io.restassured.path.json.JsonPath.from(r.getBodyAsString()).getString("status")).toList();
        // the crash-interrupted archive is stopped, then fails as nothing usable was written, in that order
        assertThat(statuses).containsExactly("stopped", "failed");
        assertThat(delivered.get(0).getHeader("X-Parley-Signature")).startsWith("sha256=");
    }

    @Test
    void onlyModeratorsStopAndOnlyWhatRecords() {
        withToken(token(SESSION, "PUBLISHER")).post("/api/v1/archives/{id}/stop", AVAILABLE).then().statusCode(403);
        withToken(token(SESSION, "MODERATOR")).post("/api/v1/archives/{id}/stop", AVAILABLE).then().statusCode(409)
                .body("detail", containsString("not recording"));
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: the other tests list TO_DELETE
    void deletedArchivesAreMarkedOnDiskAndNoLongerPlay() throws IOException {
        asServer().delete("/api/v1/archives/{id}", TO_DELETE).then().statusCode(204);
        asServer().delete("/api/v1/archives/{id}", TO_DELETE).then().statusCode(404)
                .contentType("application/problem+json");
        asServer().delete("/api/v1/archives/{id}", GONE).then().statusCode(404);
        asServer().queryParam("sessionId", SESSION).get("/api/v1/archives").then().statusCode(200)
                .body("items.id", not(hasItem(TO_DELETE)))
                .body("count", equalTo(3));
        asServer().get("/api/v1/archives/{id}", TO_DELETE).then().statusCode(200).body("status", equalTo("DELETED"));
        asServer().get("/api/v1/archives/{id}/playback", TO_DELETE).then().statusCode(404);

        String dataDir = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("parley.data-dir", String.class);
        String stored = Files.readString(Path.of(dataDir, "archives", TO_DELETE, "archive.json"));
        assertThat(stored).contains("\"DELETED\"");
    }
}
