package io.parley.browser;

import io.parley.testing.WebAppProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relayed rooms end to end: the web app in headless Chromium with fake camera and microphone, media browser to
 * browser over 127.0.0.1 only, checked on frames actually decoded.
 */
@QuarkusTest
@TestProfile(WebAppProfile.class)
class RelayedRoomBrowserTest extends BrowserTest {

    /** A relayed room, made through the API: rooms created by a first join are routed. */
    private static String freshRoom() {
        String room = "relayed-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("Authorization", "Bearer " + SERVER_KEY).contentType("application/json")
                .body(Map.of("name", room, "mediaMode", "RELAYED")).post("/api/v1/rooms").then().statusCode(201);
        return room;
    }

    @Test
    void threeParticipantsDecodeEachOther() {
        String room = freshRoom();
        try (Participant ada = Participant.joinRoom(chromium.browser(), base(), room, "Ada");
             Participant grace = Participant.joinRoom(chromium.browser(), base(), room, "Grace");
             Participant linus = Participant.joinRoom(chromium.browser(), base(), room, "Linus")) {
            Duration within = MEDIA_STARTS;
            ada.awaitDecodingFrom(within, "camera", "Grace", "Linus");
            grace.awaitDecodingFrom(within, "camera", "Ada", "Linus");
            linus.awaitDecodingFrom(within, "camera", "Ada", "Grace");
            for (Participant p : new Participant[] {ada, grace, linus}) {
                for (String other : new String[] {"Ada", "Grace", "Linus"}) {
                    assertThat(p.tile(other).count()).as(p.name() + " shows " + other).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aSubscriberSeesOthersButIsToldItCannotPublish() {
        String sessionId = relayedSession();
        try (Participant publisher = Participant.openDirect(chromium.browser(), base(), "Pub", sessionId,
                token(sessionId, "PUBLISHER", "Pub"));
             Participant viewer = Participant.openDirect(chromium.browser(), base(), "Viewer", sessionId,
                     token(sessionId, "SUBSCRIBER", "Viewer"))) {
            viewer.awaitDecodingFrom(MEDIA_STARTS, "camera", "Pub");
            viewer.alert().filter(new com.microsoft.playwright.Locator.FilterOptions()
                    .setHasText("You cannot publish in this room")).waitFor();
            assertThat(viewer.alert().textContent()).contains("SUBSCRIBER");
            publisher.assertNoTile("Viewer");
        }
    }

    @Test
    void othersDropTheTileOfAClosedBrowserWithinTenSeconds() {
        String room = freshRoom();
        try (Participant ada = Participant.joinRoom(chromium.browser(), base(), room, "Ada");
             Chromium second = Chromium.launch()) {
            Participant grace = Participant.joinRoom(second.browser(), base(), room, "Grace");
            ada.awaitDecodingFrom(MEDIA_STARTS, "camera", "Grace");
            second.close();
            Participant.await(Duration.ofSeconds(10), "Grace's tile leaving Ada's grid",
                    () -> ada.tile("Grace").count() == 0);
        }
    }

    @Test
    void aModeratorMutesAndThenRemovesAPublisher() {
        String sessionId = relayedSession();
        try (Participant moderator = Participant.openDirect(chromium.browser(), base(), "Mod", sessionId,
                token(sessionId, "MODERATOR", "Mod"));
             Participant publisher = Participant.openDirect(chromium.browser(), base(), "Pub", sessionId,
                     token(sessionId, "PUBLISHER", "Pub"));
             Participant watcher = Participant.openDirect(chromium.browser(), base(), "Watch", sessionId,
                     token(sessionId, "PUBLISHER", "Watch"))) {
            watcher.awaitDecodingFrom(MEDIA_STARTS, "camera", "Pub");

            moderator.button("Mute Pub").click();
            watcher.tile("Pub").getByRole(com.microsoft.playwright.options.AriaRole.IMG,
                    new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Microphone muted")).waitFor();
            publisher.button("Unmute microphone").waitFor();

            moderator.button("Remove Pub").click();
            Participant.await(Duration.ofSeconds(5), "Pub's tile leaving the watcher's grid",
                    () -> watcher.tile("Pub").count() == 0);
            publisher.page().getByText("A moderator removed you from the room.").waitFor();
        }
    }

    @Test
    void cameraOffAndOnAndScreenShareReachTheOthers() {
        String room = freshRoom();
        try (Participant ada = Participant.joinRoom(chromium.browser(), base(), room, "Ada");
             Participant grace = Participant.joinRoom(chromium.browser(), base(), room, "Grace")) {
            grace.awaitDecodingFrom(MEDIA_STARTS, "camera", "Ada");

            ada.button("Turn camera off").click();
            grace.tile("Ada").getByText("Camera off").waitFor();
            ada.button("Turn camera on").click();
            Participant.await(Duration.ofSeconds(5), "Ada's camera back at Grace",
                    () -> grace.tile("Ada").getByText("Camera off").count() == 0);
            grace.awaitDecodingFrom(MEDIA_STARTS, "camera", "Ada");

            ada.button("Share screen").click();
            grace.tile("Ada (screen)").waitFor();
            grace.awaitDecodingFrom(MEDIA_STARTS, "screen", "Ada");
            ada.button("Stop sharing").click();
            Participant.await(Duration.ofSeconds(5), "Ada's screen tile leaving Grace's grid",
                    () -> grace.tile("Ada (screen)").count() == 0);
        }
    }

    private static String relayedSession() {
        return given().header("Authorization", "Bearer " + SERVER_KEY).contentType("application/json")
                .body(Map.of("mediaMode", "RELAYED")).post("/api/v1/sessions").then().statusCode(201)
                .extract().path("sessionId");
    }

    private static String token(String sessionId, String role, String displayName) {
        return given().header("Authorization", "Bearer " + SERVER_KEY).contentType("application/json")
                .body(Map.of("role", role, "data", "{\"displayName\":\"" + displayName + "\"}"))
                .post("/api/v1/sessions/{id}/tokens", sessionId).then().statusCode(201).extract().path("token");
    }
}
