package io.parley.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.parley.testing.WebAppProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The room as people use it, on the embedded platform in routed rooms: tile status seen by the others (muted
 * microphone, camera-off avatar, speaking ring from audio levels, connection quality), the layouts (grid, speaker
 * view, pin, screen share in focus) checked on the decoded video in the page, chat, invites, and no serious
 * accessibility violation for a moderator or a publisher.
 */
@QuarkusTest
@TestProfile(WebAppProfile.class)
class RoomUxBrowserTest extends BrowserTest {

    private static String freshRoom() {
        return "ux-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Locator img(Locator within, String name) {
        return within.getByRole(AriaRole.IMG, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    @Test
    void othersSeeTheMutedMicrophoneWithinOneSecondAndTheAvatarWhenTheCameraIsOff() {
        String room = freshRoom();
        try (Participant ada = Participant.joinRoom(chromium.browser(), base(), room, "Ada Lovelace");
             Participant grace = Participant.joinRoom(chromium.browser(), base(), room, "Grace")) {
            grace.awaitDecodingFrom(Duration.ofSeconds(20), "camera", "Ada Lovelace");
            Locator adaAtGrace = grace.tile("Ada Lovelace");

            long clicked = System.nanoTime();
            ada.button("Mute microphone").click();
            img(adaAtGrace, "Microphone muted").waitFor(new Locator.WaitForOptions().setTimeout(1000));
            System.out.printf("Muted icon at the other end after %d ms%n", (System.nanoTime() - clicked) / 1_000_000);
            // the own tile shows it too, and the button now says what a click does
            img(ada.tile("Ada Lovelace"), "Microphone muted").waitFor();
            ada.button("Unmute microphone").click();
            Participant.await(Duration.ofSeconds(2), "the muted icon going away",
                    () -> img(adaAtGrace, "Microphone muted").count() == 0);

            ada.button("Turn camera off").click();
            adaAtGrace.getByText("Camera off").waitFor();
            Locator avatar = adaAtGrace.locator(".avatar");
            assertThat(avatar.isVisible()).isTrue();
            assertThat(avatar.locator(".initials").textContent()).isEqualTo("AL");
            assertThat(adaAtGrace.locator(".video").isVisible()).as("the video is hidden, not frozen").isFalse();
            ada.button("Turn camera on").click();
            Participant.await(Duration.ofSeconds(5), "the avatar giving way to the video",
                    () -> !avatar.isVisible() && adaAtGrace.locator("video").isVisible());
            grace.awaitDecodingFrom(MEDIA_STARTS, "camera", "Ada Lovelace");
        }
    }

    @Test
    void theSpeakingRingFollowsTheFakeMicrophoneAndQualityIsGoodOnLoopback() {
        String room = freshRoom();
        try (Participant ada = Participant.joinRoom(chromium.browser(), base(), room, "Ada");
             Participant grace = Participant.joinRoom(chromium.browser(), base(), room, "Grace")) {
            grace.awaitDecodingFrom(Duration.ofSeconds(20), "camera", "Ada");
            Locator adaAtGrace = grace.tile("Ada");
            // Chromium's fake microphone beeps: Ada's tile lights up at Grace from the received audio's level.
            long decoding = System.nanoTime();
            Participant.await(Duration.ofSeconds(10), "Ada speaking at Grace",
                    () -> "true".equals(adaAtGrace.getAttribute("data-speaking")));
            System.out.printf("Speaking ring at the other end %d ms after the first frame%n", (System.nanoTime() - decoding) / 1_000_000);
            // Through the router, the audio-level header extension reaches Grace's receivers: levels without reports.
            // The fake microphone's beeps are short, so the page samples them every 10 ms: the loudest level of 5 s.
            Object loudest = grace.page().evaluate("""
                    () => new Promise((resolve) => {
                      let max = 0;
                      const until = performance.now() + 5000;
                      const sample = () => {
                        for (const level of Object.values(window.parleyDiagnostics.receiverAudioLevels())) {
                          max = Math.max(max, level);
                        }
                        if (max > 0.01 || performance.now() > until) { resolve(max); } else { setTimeout(sample, 10); }
                      };
                      sample();
                    })""");
            assertThat(((Number) loudest).doubleValue()).as("the loudest level of Ada's audio at Grace's receiver")
                    .isGreaterThan(0.01);
            img(adaAtGrace, "Connection good").waitFor(new Locator.WaitForOptions().setTimeout(10_000));
            assertThat(adaAtGrace.getAttribute("data-quality")).isEqualTo("good");

            ada.button("Mute microphone").click();
            img(adaAtGrace, "Microphone muted").waitFor();
            // muted, Ada no longer speaks: not lit for three seconds in a row
            Participant.await(Duration.ofSeconds(3), "the ring going off",
                    () -> !"true".equals(adaAtGrace.getAttribute("data-speaking")));
            for (int i = 0; i < 15; i++) {
                assertThat(adaAtGrace.getAttribute("data-speaking")).as("Ada speaking while muted").isNotEqualTo("true");
                grace.page().waitForTimeout(200);
            }
        }
    }

    /** Layouts are the room's own business, alike on every media path; a relayed room keeps this test to two browsers' worth of media. */
    @Test
    void layoutsSwitchBetweenGridSpeakerViewPinAndScreenShare() {
        String room = "ux-relayed-" + UUID.randomUUID().toString().substring(0, 8);
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + SERVER_KEY).contentType("application/json")
                .body(java.util.Map.of("name", room, "mediaMode", "RELAYED")).post("/api/v1/rooms").then().statusCode(201);
        try (Participant ada = Participant.joinRoom(chromium.browser(), base(), room, "Ada");
             Participant grace = Participant.joinRoom(chromium.browser(), base(), room, "Grace")) {
            ada.awaitDecodingFrom(Duration.ofSeconds(20), "camera", "Grace");
            Page page = ada.page();
            page.setViewportSize(1280, 800);
            assertThat(ada.layout()).isEqualTo("grid");
            assertWholePictures(ada);
            double gridArea = area(ada.tile("Grace"));
            assertThat(area(ada.tile("Ada"))).as("two tiles alike in the grid").isCloseTo(gridArea, org.assertj.core.data.Percentage.withPercentage(5));

            ada.button("Speaker view").click();
            Participant.await(Duration.ofSeconds(3), "speaker view", () -> "speaker".equals(ada.layout()));
            assertThat(ada.focusedTile()).as("the other person in focus, not oneself").isEqualTo("Grace");
            assertThat(area(ada.tile("Grace"))).as("the speaker larger than in the grid").isGreaterThan(gridArea * 1.5);
            assertThat(area(ada.tile("Grace"))).isGreaterThan(area(ada.tile("Ada")) * 4);
            assertThat(ada.button("Speaker view").getAttribute("aria-pressed")).isEqualTo("true");
            assertPlaying(ada.tile("Grace"));

            ada.button("Pin Ada").click();
            Participant.await(Duration.ofSeconds(3), "the pinned tile in focus",
                    () -> "pinned".equals(ada.layout()) && "Ada".equals(ada.focusedTile()));
            assertThat(ada.button("Pin Ada").getAttribute("aria-pressed")).isEqualTo("true");
            assertPlaying(ada.tile("Ada"));
            ada.button("Pin Ada").click();
            Participant.await(Duration.ofSeconds(3), "unpinned", () -> "speaker".equals(ada.layout()));

            // the keyboard shortcut switches back to the grid
            page.locator("body").press("g");
            Participant.await(Duration.ofSeconds(3), "back to the grid", () -> "grid".equals(ada.layout()));

            // A shared screen takes the stage by itself at the others', in the screen-share layout.
            ada.button("Share screen").click();
            grace.awaitDecodingFrom(Duration.ofSeconds(20), "screen", "Ada");
            Participant.await(Duration.ofSeconds(5), "the screen in focus at Grace",
                    () -> "screen".equals(grace.layout()) && "Ada (screen)".equals(grace.focusedTile()));
            assertPlaying(grace.tile("Ada (screen)"));
            assertThat(area(grace.tile("Ada (screen)"))).isGreaterThan(area(grace.tile("Ada")) * 4);
            ada.button("Stop sharing").click();
            Participant.await(Duration.ofSeconds(5), "the grid again at Grace", () -> "grid".equals(grace.layout()));
        }
    }

    @Test
    void aChatMessageReachesTheOthersWithAnUnreadCount() {
        String room = freshRoom();
        try (Participant ada = Participant.joinRoom(chromium.browser(), base(), room, "Ada");
             Participant grace = Participant.joinRoom(chromium.browser(), base(), room, "Grace")) {
            grace.awaitDecodingFrom(Duration.ofSeconds(20), "camera", "Ada");
            ada.button("Chat").click();
            ada.page().getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).fill("Hello from Ada");
            ada.page().keyboard().press("Enter");
            ada.page().getByRole(AriaRole.LOG).getByText("Hello from Ada").waitFor();

            Locator chatAtGrace = grace.button("Chat");
            Participant.await(Duration.ofSeconds(3), "an unread message at Grace",
                    () -> "1".equals(chatAtGrace.getAttribute("data-unread")));
            assertThat(chatAtGrace.locator(".badge").textContent()).isEqualTo("1");
            chatAtGrace.click();
            Locator log = grace.page().getByRole(AriaRole.LOG, new Page.GetByRoleOptions().setName("Chat messages"));
            log.getByText("Hello from Ada").waitFor();
            assertThat(log.locator(".chat-from").first().textContent()).as("the sender, by its connection").isEqualTo("Ada");
            assertThat(chatAtGrace.getAttribute("data-unread")).isEqualTo("0");

            // the keyboard shortcut closes and opens it again
            grace.page().keyboard().press("Escape");
            assertThat(log.isVisible()).isFalse();
            grace.page().locator("body").press("c");
            log.waitFor();
        }
    }

    @Test
    void theHostLinkMakesAModeratorAndTheGuestLinkDoesNot() {
        String room = freshRoom();
        try (Participant host = Participant.joinRoom(chromium.browser(), base(), room, "Host")) {
            host.button("Start recording").waitFor();
            host.button("Invite").click();
            String guestLink = host.page().getByLabel("Guest link").inputValue();
            String hostLink = host.page().getByLabel("Host link (moderator key)").inputValue();
            assertThat(guestLink).isEqualTo(base().resolve("/r/" + room).toString());
            assertThat(hostLink).startsWith(guestLink + "#host=");
            host.page().getByText("Gives moderator rights.").waitFor();
            Axe.assertNoSeriousViolations(host.page(), "the room with the invite panel (moderator)");

            try (Participant guest = Participant.joinByLink(chromium.browser(), guestLink, "Guest");
                 Participant cohost = Participant.joinByLink(chromium.browser(), hostLink, "Cohost")) {
                cohost.button("Start recording").waitFor();
                assertThat(guest.button("Start recording").count()).as("a guest cannot record").isZero();
                Axe.assertNoSeriousViolations(guest.page(), "the room (publisher)");
                // the co-host moderates: everyone but the co-host muted with one click
                cohost.tile("Guest").waitFor();
                cohost.tile("Host").waitFor();
                cohost.button("Participants").click();
                Locator people = cohost.page().getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Participants").setExact(true))
                        .locator(".people");
                people.getByText("Guest").waitFor();
                Axe.assertNoSeriousViolations(cohost.page(), "the room with the participant list (moderator)");
                cohost.button("Mute everyone").click();
                guest.button("Unmute microphone").waitFor();
                host.button("Unmute microphone").waitFor();
                img(cohost.tile("Guest"), "Microphone muted").waitFor();
                assertThat(cohost.button("Mute microphone").isVisible()).as("the co-host keeps its own microphone").isTrue();
            }
        }
    }

    /** The four-person room at three sizes, in the grid, speaker view and with a shared screen, for a person to look at. */
    @Test
    void screenshotsOfAFourPersonRoom() {
        String room = freshRoom();
        List<String> names = List.of("Ada", "Grace", "Linus", "Barbara");
        List<Participant> all = new ArrayList<>();
        try {
            for (String name : names) {
                all.add(Participant.joinRoom(chromium.browser(), base(), room, name));
            }
            Participant ada = all.get(0);
            for (String other : List.of("Grace", "Linus", "Barbara")) {
                ada.tile(other).waitFor();
            }
            // Pictures for a person to look at: wait for them a while, but the layout is what this test checks.
            try {
                ada.awaitDecodingFrom(Duration.ofSeconds(20), "camera", "Grace", "Linus", "Barbara");
            } catch (AssertionError slow) {
                System.out.println("Screenshots taken before every picture arrived: " + slow.getMessage());
            }
            all.get(1).button("Turn camera off").click();
            all.get(2).button("Mute microphone").click();
            ada.tile("Grace").getByText("Camera off").waitFor();
            Page page = ada.page();
            for (int[] size : Screens.SIZES) {
                page.setViewportSize(size[0], size[1]);
                page.waitForTimeout(600);
                assertThat(ada.layout()).isEqualTo("grid");
                assertTilesInsideViewport(ada, size[0], size[1]);
                Screens.shoot(page, "room-four");
                ada.button("Speaker view").click();
                page.waitForTimeout(600);
                assertTilesInsideViewport(ada, size[0], size[1]);
                Screens.shoot(page, "room-speaker");
                ada.button("Speaker view").click();
            }
            all.get(3).button("Share screen").click();
            ada.tile("Barbara (screen)").waitFor();
            try {
                ada.awaitDecodingFrom(Duration.ofSeconds(15), "screen", "Barbara");
            } catch (AssertionError slow) {
                System.out.println("Screen screenshots taken before the screen's picture arrived: " + slow.getMessage());
            }
            for (int[] size : Screens.SIZES) {
                page.setViewportSize(size[0], size[1]);
                page.waitForTimeout(800);
                if (ada.tile("Barbara (screen)").count() > 0) {
                    assertThat(ada.layout()).isEqualTo("screen");
                }
                assertTilesInsideViewport(ada, size[0], size[1]);
                Screens.shoot(page, "room-screen");
            }
            page.setViewportSize(1280, 800);
            Axe.assertNoSeriousViolations(page, "the room with four people and a screen (publisher)");
        } finally {
            all.forEach(Participant::close);
        }
    }

    private static double area(Locator tile) {
        var box = tile.boundingBox();
        return box.width * box.height;
    }

    private static void assertTilesInsideViewport(Participant p, int width, int height) {
        Locator tiles = p.page().locator(".tile");
        for (int i = 0; i < tiles.count(); i++) {
            var box = tiles.nth(i).boundingBox();
            if (box == null) {
                continue; // the tile left meanwhile
            }
            assertThat(box.x).isGreaterThanOrEqualTo(0);
            assertThat(box.y).isGreaterThanOrEqualTo(0);
            assertThat(box.x + box.width).as("tile right edge at " + width).isLessThanOrEqualTo(width + 0.5);
            assertThat(box.y + box.height).as("tile bottom edge at " + height).isLessThanOrEqualTo(height + 0.5);
        }
    }

    /** Each shown video is whole (object-fit: contain), so no face is cropped. */
    private static void assertWholePictures(Participant p) {
        Object fits = p.page().evaluate("() => [...document.querySelectorAll('.tile video')].map(v => getComputedStyle(v).objectFit)");
        assertThat((List<?>) fits).isNotEmpty().allMatch("contain"::equals);
    }

    /** The tile's <video> shows decoded frames: it has a size, plays, and its time moves on. */
    private static void assertPlaying(Locator tile) {
        Locator video = tile.locator("video");
        double first = ((Number) video.evaluate("v => v.currentTime")).doubleValue();
        Participant.await(Duration.ofSeconds(5), "the video playing in " + tile, () -> {
            List<?> state = (List<?>) video.evaluate("v => [v.videoWidth, v.paused, v.currentTime, v.readyState]");
            return ((Number) state.get(0)).intValue() > 0 && !((Boolean) state.get(1))
                    && ((Number) state.get(2)).doubleValue() > first && ((Number) state.get(3)).intValue() >= 2;
        });
    }

}
