package io.parley.browser;

import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;

/** What every browser test shares: one Chromium for the class, and the application's address on loopback. */
abstract class BrowserTest {

    static final String SERVER_KEY = "test-server-key-0123456789";
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
