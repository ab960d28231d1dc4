package io.parley.browser;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** What every browser test shares: one Chromium for the class, and the application's address on loopback. */
abstract class BrowserTest {

    static final String SERVER_KEY = "test-server-key-0123456789";
    /**
     * How long a first decoded frame may take: page, devices, ICE, DTLS and a key frame, with several browsers
     * sharing two busy cores (5 s was seen to run out in CI with the frames already flowing).
     */
    static final Duration MEDIA_STARTS = Duration.ofSeconds(10);
    static Chromium chromium;

    @BeforeAll
    static void launchChromium() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void closeChromium() {
        chromium.close();
    }

    static URI base() {
        return URI.create("http://127.0.0.1:" + RestAssured.port);
    }

    /** A request made with the server key, as the back end of an application using Parley makes them. */
    static RequestSpecification asServer() {
        return given().header("Authorization", "Bearer " + SERVER_KEY).contentType(ContentType.JSON);
    }

    /** Waits for an archive to become available, failing at once if it fails; returns it as the API shows it. */
    static Map<String, Object> awaitAvailable(String archiveId, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, Object> archive = null;
        while (System.nanoTime() < deadline) {
            archive = asServer().get("/api/v1/archives/{id}", archiveId).then().statusCode(200).extract().path("");
            if ("AVAILABLE".equals(archive.get("status"))) {
                return archive;
            }
            assertThat(archive.get("status")).as("archive status, reason " + archive.get("reason"))
                    .isNotEqualTo("FAILED");
            Thread.sleep(500);
        }
        throw new AssertionError("archive " + archiveId + " is not AVAILABLE after " + within + ": " + archive);
    }

    /** Where the embedded platform keeps a composed archive's file. */
    static Path archiveFile(String archiveId) {
        return Path.of(ConfigProvider.getConfig().getValue("parley.data-dir", String.class), "archives", archiveId,
                "archive.mp4");
    }
}
