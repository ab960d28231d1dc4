package io.parley.browser;

import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;

/** What every browser test shares: one Chromium for the class, and the application's address on loopback. */
abstract class BrowserTest {

    static final String SERVER_KEY = "test-server-key-0123456789";
    /**
     * How long a first decoded frame may take: page, devices, ICE, DTLS and a key frame, with several browsers
     * sharing two busy cores (5 s was seen to run out in CI with the frames already flowing).
     */
    static final java.time.Duration MEDIA_STARTS = java.time.Duration.ofSeconds(10);
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
}
