package io.parley.browser;

import io.parley.testing.WebAppProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Routed rooms end to end: every stream goes through Parley's own media router, over 127.0.0.1 only. */
@QuarkusTest
@TestProfile(WebAppProfile.class)
class RoutedRoomBrowserTest {

    private static final String SERVER_KEY = "test-server-key-0123456789";
    private static Chromium chromium;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void shutDown() {
        chromium.close();
    }

    private static URI base() {
        return URI.create("http://127.0.0.1:" + RestAssured.port);
    }

    private static String routedRoom() {
        String room = "routed-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", "Bearer " + SERVER_KEY).contentType("application/json")
                .body(Map.of("name", room, "mediaMode", "ROUTED")).post("/api/v1/rooms").then().statusCode(201);
        return room;
    }

    @Test
    void twoParticipantsDecodeEachOtherThroughTheRouter() {
        String room = routedRoom();
        try (Participant ada = Participant.joinRoom(chromium.browser(), base(), room, "Ada");
             Participant grace = Participant.joinRoom(chromium.browser(), base(), room, "Grace")) {
            ada.awaitDecodingFrom(Duration.ofSeconds(10), "camera", "Grace");
            grace.awaitDecodingFrom(Duration.ofSeconds(10), "camera", "Ada");
        }
    }
}
