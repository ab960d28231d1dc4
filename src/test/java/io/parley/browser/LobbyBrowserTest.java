package io.parley.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.parley.testing.WebAppProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The lobby's pre-call check: devices chosen and remembered, the microphone level, the camera preview, refusals. */
@QuarkusTest
@TestProfile(WebAppProfile.class)
class LobbyBrowserTest extends BrowserTest {

    private static String freshRoom() {
        return "lobby-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theChosenDevicesAreRememberedAndUsedInTheRoom() {
        // two fake cameras and microphones to choose between
        try (Chromium two = Chromium.launch(List.of("--use-fake-device-for-media-stream=device-count=2"))) {
            BrowserContext context = two.browser().newContext();
            String room = freshRoom();
            Participant ada = Participant.atLobby(context, base(), room, "Ada");
            Page page = ada.page();
            Locator cameras = page.getByLabel("Camera", new Page.GetByLabelOptions().setExact(true));
            Participant.await(java.time.Duration.ofSeconds(10), "two cameras listed",
                    () -> cameras.locator("option").count() >= 2);
            String second = cameras.locator("option").nth(1).getAttribute("value");
            cameras.selectOption(second);
            Participant.await(java.time.Duration.ofSeconds(5), "the preview on the second camera", () -> second.equals(
                    page.evaluate("() => document.querySelector('video.preview').srcObject?.getVideoTracks()[0]?.getSettings().deviceId")));

            page.reload();
            Participant.await(java.time.Duration.ofSeconds(10), "the choice remembered after a reload",
                    () -> second.equals(cameras.inputValue()));
            Participant.await(java.time.Duration.ofSeconds(5), "the preview on the remembered camera", () -> second.equals(
                    page.evaluate("() => document.querySelector('video.preview').srcObject?.getVideoTracks()[0]?.getSettings().deviceId")));

            ada.join();
            // the room publishes the chosen camera
            Participant.await(java.time.Duration.ofSeconds(10), "the published camera being the chosen one", () -> second.equals(
                    page.evaluate("() => document.querySelector('.tile.self video')?.srcObject?.getVideoTracks()[0]?.getSettings().deviceId")));
            context.close();
        }
    }

    @Test
    void theMicrophoneMeterMovesWithTheFakeMicrophoneAndThePreviewPlays() {
        BrowserContext context = chromium.browser().newContext();
        try {
            Participant ada = Participant.atLobby(context, base(), freshRoom(), "Ada");
            Page page = ada.page();
            Locator meter = page.getByLabel("Microphone level");
            Set<Double> seen = new HashSet<>();
            double max = 0;
            for (int i = 0; i < 40; i++) {
                double value = ((Number) meter.evaluate("m => m.value")).doubleValue();
                seen.add(Math.round(value * 100) / 100.0);
                max = Math.max(max, value);
                page.waitForTimeout(100);
            }
            System.out.printf("Microphone meter: %d distinct values, max %.2f%n", seen.size(), max);
            assertThat(max).as("the loudest level the meter showed").isGreaterThan(0.3);
            assertThat(seen.size()).as("the meter moving").isGreaterThan(3);

            Locator preview = page.getByLabel("Camera preview");
            Participant.await(java.time.Duration.ofSeconds(5), "the camera preview playing",
                    () -> ((Number) preview.evaluate("v => v.videoWidth")).intValue() > 0
                            && !(Boolean) preview.evaluate("v => v.paused"));
            page.getByText("Camera preview is on.").waitFor();
            page.getByText("Moderators can record this room.", new Page.GetByTextOptions().setExact(false)).waitFor();

            Axe.assertNoSeriousViolations(page, "the lobby");
            for (int[] size : Screens.SIZES) {
                page.setViewportSize(size[0], size[1]);
                page.waitForTimeout(300);
                Screens.shoot(page, "lobby");
            }
        } finally {
            context.close();
        }
    }

    @Test
    void theLobbySaysWhenTheRoomIsBeingRecorded() {
        String room = freshRoom();
        // the back end creates the room (and so knows its session); Ada is in it, so it can be recorded
        String sessionId = given().contentType(ContentType.JSON).body(Map.of("displayName", "Host"))
                .post("/api/v1/rooms/{name}/join", room).then().statusCode(200).extract().path("sessionId");
        try (Participant ada = Participant.joinRoom(chromium.browser(), base(), room, "Ada")) {
            BrowserContext context = chromium.browser().newContext();
            try {
                Participant grace = Participant.atLobby(context, base(), room, "Grace");
                Locator notice = grace.page().locator(".notice[data-recording]");
                Participant.await(Duration.ofSeconds(5), "the lobby knowing the room is not recorded",
                        () -> "false".equals(notice.getAttribute("data-recording")));
                String archiveId = startArchive(sessionId);
                try {
                    grace.page().reload();
                    Participant.await(Duration.ofSeconds(5), "the lobby saying the room is being recorded",
                            () -> "true".equals(notice.getAttribute("data-recording")));
                    assertThat(notice.innerText()).contains("This room is being recorded.");
                    Axe.assertNoSeriousViolations(grace.page(), "the lobby of a room being recorded");
                } finally {
                    given().header("Authorization", "Bearer " + SERVER_KEY).contentType(ContentType.JSON)
                            .post("/api/v1/archives/{id}/stop", archiveId).then().statusCode(200);
                }
            } finally {
                context.close();
            }
        }
    }

    /** Starts an archive once the session has a client (the join above may still be connecting). */
    private static String startArchive(String sessionId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            io.restassured.response.Response started = given().header("Authorization", "Bearer " + SERVER_KEY)
                    .contentType(ContentType.JSON).body(Map.of("name", "lobby check"))
                    .post("/api/v1/sessions/{id}/archives", sessionId);
            if (started.statusCode() == 200 || started.statusCode() == 201) {
                return started.path("id");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the archive did not start: " + started.asString());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aRefusedCameraAndMicrophoneAreExplainedAndJoiningStillWorks() {
        BrowserContext context = chromium.browser().newContext();
        try {
            // as a browser whose user said no to both
            context.addInitScript("navigator.mediaDevices.getUserMedia = () => Promise.reject("
                    + "new DOMException('Permission denied', 'NotAllowedError'));");
            Participant ada = Participant.atLobby(context, base(), freshRoom(), "Ada");
            Page page = ada.page();
            page.getByText("Camera access was refused.", new Page.GetByTextOptions().setExact(false)).waitFor();
            page.getByText("Microphone access was refused.", new Page.GetByTextOptions().setExact(false)).waitFor();
            assertThat(page.getByLabel("Camera preview").isVisible()).isFalse();
            Axe.assertNoSeriousViolations(page, "the lobby without devices");
            ada.join();
            page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)
                    .getByText("Your camera and microphone are not published", new Locator.GetByTextOptions().setExact(false))
                    .waitFor();
        } finally {
            context.close();
        }
    }

}
