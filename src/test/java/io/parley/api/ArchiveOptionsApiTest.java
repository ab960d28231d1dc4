package io.parley.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.parley.api.ApiFixtures.asServer;
import static io.parley.api.ApiFixtures.createSession;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Archive options at start on the embedded platform: what is wrong is a 400, what it lacks a 501. */
@QuarkusTest
class ArchiveOptionsApiTest {

    private static final String START = "/api/v1/sessions/{id}/archives";

    private static void refused(String sessionId, Object body, String field) {
        asServer().body(body).post(START, sessionId).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:parley:problem:validation-failed"))
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void badOptionsAreA400ThatNamesTheField() {
        String sessionId = createSession("ROUTED");
        refused(sessionId, Map.of("resolution", "1024x768"), "resolution");
        refused(sessionId, Map.of("outputMode", "INDIVIDUAL", "layout", Map.of("type", "pip")), "layout");
        refused(sessionId, Map.of("layout", Map.of("type", "mosaic")), "layout.type");
        refused(sessionId, Map.of("layout", Map.of()), "layout.type");
        refused(sessionId, Map.of("layout", Map.of("type", "custom")), "layout.stylesheet");
        refused(sessionId, Map.of("layout", Map.of("type", "pip", "stylesheet", "stream {}")), "layout.stylesheet");
        refused(sessionId, Map.of("layout", Map.of("type", "pip", "screenshareType", "verticalPresentation")),
                "layout.screenshareType");
        refused(sessionId, Map.of("layout", Map.of("type", "bestFit", "screenshareType", "custom")),
                "layout.screenshareType");
        refused(sessionId, Map.of("streamMode", "sometimes"), "streamMode");
        refused(sessionId, Map.of("maxBitrate", 99_999), "maxBitrate");
        refused(sessionId, Map.of("maxBitrate", 6_000_001), "maxBitrate");
        refused(sessionId, Map.of("multiArchiveTag", ""), "multiArchiveTag");
    }

    @Test
    void aCustomStylesheetIsCheckedAgainstWhatTheEmbeddedComposerFollows() {
        String sessionId = createSession("ROUTED");
        asServer().body(Map.of("layout", Map.of("type", "custom", "stylesheet", "stream { float: left; width: 33%; }")))
                .post(START, sessionId).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("layout.stylesheet"))
                .body("detail", containsString("float"));
        // a stylesheet it follows gets as far as Vonage's "no clients" rule
        asServer().body(Map.of("layout", Map.of("type", "custom", "stylesheet",
                        "stream { width: 50%; } stream.focus { left: 50%; width: 50%; z-index: 1; }")))
                .post(START, sessionId).then().statusCode(409)
                .body("detail", containsString("no connected clients"));
        asServer().get("/api/v1/platform").then()
                .body("capabilities.find { it.name == 'ARCHIVE_CUSTOM_LAYOUT' }.supported", equalTo(true))
                .body("capabilities.find { it.name == 'ARCHIVE_MANUAL_STREAMS' }.supported", equalTo(true))
                .body("capabilities.find { it.name == 'MULTI_ARCHIVE' }.supported", equalTo(true))
                .body("capabilities.find { it.name == 'ARCHIVE_LAYOUTS' }.supported", equalTo(true))
                .body("capabilities.find { it.name == 'ARCHIVE_MAX_BITRATE' }.supported", equalTo(true));
    }

    @Test
    void supportedOptionsPassValidationAndMeetTheUsualRules() {
        // nobody is connected: valid options get as far as Vonage's "no clients" rule
        String sessionId = createSession("ROUTED");
        asServer().body(Map.of("resolution", "1080x1920", "layout", Map.of("type", "bestFit",
                        "screenshareType", "verticalPresentation"), "streamMode", "auto", "multiArchiveTag", "main",
                        "maxBitrate", 2_000_000))
                .post(START, sessionId).then().statusCode(409)
                .body("detail", containsString("no connected clients"));
    }
}
