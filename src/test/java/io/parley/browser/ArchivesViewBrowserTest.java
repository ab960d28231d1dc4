package io.parley.browser;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
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
 * The archives view as a moderator sees it while recording: the archive's progress (recorded -> composed ->
 * available) as it happens, its duration, size and a readable name, then Play in the page and Download.
 */
@QuarkusTest
@TestProfile(WebAppProfile.class)
class ArchivesViewBrowserTest extends BrowserTest {

    @Test
    void theArchiveProgressReachesAvailableAndItPlaysAndDownloads() {
        String room = "archived-" + UUID.randomUUID().toString().substring(0, 8);
        try (Participant moderator = Participant.joinRoom(chromium.browser(), base(), room, "Mod");
             Participant ada = Participant.joinRoom(chromium.browser(), base(), room, "Ada")) {
            moderator.awaitDecodingFrom(Duration.ofSeconds(20), "camera", "Ada");
            Page page = moderator.page();
            page.setViewportSize(1280, 800);
            moderator.button("Archives").click();
            page.getByText("This session has no archives yet.", new Page.GetByTextOptions().setExact(false)).waitFor();

            moderator.button("Start recording").click();
            moderator.button("Stop recording").waitFor();
            Locator item = page.locator("li.archive").first();
            Participant.await(Duration.ofSeconds(5), "the running archive listed",
                    () -> item.count() > 0 && "STARTED".equals(item.getAttribute("data-status")));
            assertThat(item.locator("[aria-current=step]").textContent()).isEqualTo("Recorded");
            assertThat(item.locator(".archive-status").textContent()).isEqualTo("Being recorded");
            assertThat(item.locator(".archive-name").textContent()).startsWith(room + " · ");
            Axe.assertNoSeriousViolations(page, "the archives view while recording (moderator)");
            page.waitForTimeout(5000);

            moderator.button("Stop recording").click();
            List<String> seen = new ArrayList<>(List.of("STARTED"));
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (System.nanoTime() < deadline && !"AVAILABLE".equals(seen.get(seen.size() - 1))) {
                String status = item.getAttribute("data-status");
                if (!status.equals(seen.get(seen.size() - 1))) {
                    seen.add(status);
                }
                assertThat(status).as("archive status, " + item.locator(".archive-status").textContent())
                        .isNotEqualTo("FAILED");
                page.waitForTimeout(100);
            }
            System.out.println("Archive statuses seen in the page: " + seen);
            assertThat(seen).startsWith("STARTED").endsWith("AVAILABLE");
            assertThat(item.locator(".archive-status").textContent()).isEqualTo("Ready to play");
            assertThat(item.locator("[aria-current=step]").textContent()).isEqualTo("Available");
            List<String> facts = item.locator("dd").allTextContents();
            assertThat(facts.get(0)).as("duration").matches("00:0[4-9]");
            assertThat(facts.get(1)).as("size").matches("[0-9.]+ (kB|MB)");

            Axe.assertNoSeriousViolations(page, "the archives view (moderator)");
            for (int[] size : Screens.SIZES) {
                page.setViewportSize(size[0], size[1]);
                page.waitForTimeout(300);
                Screens.shoot(page, "archives");
            }
            page.setViewportSize(1280, 800);

            Locator play = item.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Play ").setExact(false));
            Download download = page.waitForDownload(() -> item.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Download ").setExact(false)).click());
            assertThat(download.suggestedFilename()).startsWith(room).endsWith(".mp4");
            assertThat(download.failure()).isNull();

            play.click();
            Locator video = page.getByLabel("Archive playback");
            Participant.await(Duration.ofSeconds(10), "the archive playing in the page", () -> {
                List<?> state = (List<?>) video.evaluate("v => [v.readyState, v.currentTime, v.videoWidth]");
                return ((Number) state.get(0)).intValue() >= 3 && ((Number) state.get(1)).doubleValue() > 0.5
                        && ((Number) state.get(2)).intValue() > 0;
            });
        }
    }
}
