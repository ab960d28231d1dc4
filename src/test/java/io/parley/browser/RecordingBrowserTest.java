package io.parley.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.parley.embedded.recording.FfmpegBinary;
import io.parley.embedded.recording.MediaProbe;
import io.parley.testing.WebAppProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Archiving end to end: a moderator records a routed room from the web app, everyone (including someone who joins
 * mid-recording) sees that it is recorded, the composed archive becomes available and plays in the page.
 */
@QuarkusTest
@TestProfile(WebAppProfile.class)
class RecordingBrowserTest extends BrowserTest {

    @Test
    void aModeratorRecordsAComposedArchiveThatPlaysInThePage() throws Exception {
        URI base = base();
        String room = "recorded-" + UUID.randomUUID().toString().substring(0, 8);
        try (Participant moderator = Participant.joinRoom(chromium.browser(), base, room, "Mod");
             Participant ada = Participant.joinRoom(chromium.browser(), base, room, "Ada");
             Participant grace = Participant.joinRoom(chromium.browser(), base, room, "Grace")) {
            moderator.awaitDecodingFrom(Duration.ofSeconds(10), "camera", "Ada", "Grace");

            long clicked = System.nanoTime();
            moderator.button("Start recording").click();
            moderator.button("Stop recording").waitFor();
            for (Participant p : List.of(moderator, ada, grace)) {
                recordingBadge(p).waitFor();
            }
            long started = System.nanoTime();
            Duration recordingWindow;
            try (Participant late = Participant.joinRoom(chromium.browser(), base, room, "Late")) {
                recordingBadge(late).waitFor();
                Thread.sleep(Math.max(0, 15_000 - (System.nanoTime() - started) / 1_000_000));
                moderator.button("Stop recording").click();
                moderator.button("Start recording").waitFor();
                recordingWindow = Duration.ofNanos(System.nanoTime() - clicked);
                Participant.await(Duration.ofSeconds(5), "the Recording badge going away",
                        () -> !recordingBadge(ada).isVisible());
            }

            String archiveId = asServer().get("/api/v1/archives").then().statusCode(200).extract()
                    .path("items.find { it.name != null && it.name.startsWith('" + room + "') }.id");
            Map<String, Object> archive = awaitAvailable(archiveId, Duration.ofSeconds(30));

            Path file = archiveFile(archiveId);
            MediaProbe probe = FfmpegBinary.locate().probe(file);
            System.out.printf("Composed archive: %s, %s%n", probe.duration(), probe.streams());
            assertThat(probe.streams("video")).hasSize(1);
            assertThat(probe.streams("audio")).hasSize(1);
            // at least the 15 s everyone saw the badge for; at most the time from the Start click to the confirmed
            // stop (the UI's own latency varies with the machine's load, the archive may not outlast it)
            assertThat(probe.duration().toMillis()).isBetween(14_000L, recordingWindow.toMillis() + 1_000L);

            moderator.button("Archives").click();
            moderator.button("Play " + archive.get("name")).click();
            Locator video = moderator.page().getByLabel("Archive playback");
            video.waitFor();
            Participant.await(Duration.ofSeconds(10), "the archive playing in the page", () -> {
                Object state = video.evaluate("v => [v.readyState, v.currentTime]");
                List<?> values = (List<?>) state;
                return ((Number) values.get(0)).intValue() >= 3 && ((Number) values.get(1)).doubleValue() > 0.5;
            });
        }
    }

    private static Locator recordingBadge(Participant participant) {
        return participant.page().getByText("Recording", new Page.GetByTextOptions().setExact(true));
    }
}
