package io.parley.browser;

import com.microsoft.playwright.ElementHandle;
import com.microsoft.playwright.Page;
import io.parley.testing.WebAppProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber's tile size chooses its simulcast layer, and layers nobody's tile needs stop at the publisher: Ada
 * publishes her camera in two layers (160x120 and 640x480); Viewer shows her tile large, then 100 px tall, then
 * hidden, then large again. Measured from both browsers' statistics: the height Viewer decodes, whether it decodes
 * at all, and what Ada's browser sends.
 */
@QuarkusTest
@TestProfile(WebAppProfile.class)
class TileSizeBrowserTest extends BrowserTest {

    private static final String SMALL = ".tile[aria-label=\"Ada\"] .video { bottom: auto !important;"
            + " height: 100px !important; }";
    private static final String HIDDEN = ".tile[aria-label=\"Ada\"] .video { display: none !important; }";

    @Test
    void aSmallTileGetsTheSmallLayerAHiddenOneNothingAndAdaStopsWhatNobodyShows() throws Exception {
        String room = "tiles-" + UUID.randomUUID().toString().substring(0, 8);
        try (Participant ada = Participant.joinRoom(chromium.browser(), base(), room, "Ada");
             Participant viewer = Participant.joinRoom(chromium.browser(), base(), room, "Viewer")) {
            viewer.awaitDecodingFrom(MEDIA_STARTS, "camera", "Ada");
            Participant.await(Duration.ofSeconds(20), "Viewer's large tile getting Ada's top layer",
                    () -> height(viewer) >= 480);
            double large = sendingKbps(ada);
            System.out.printf("Large tile: Viewer decodes Ada %d px high; Ada sends %.0f kbit/s%n", height(viewer),
                    large);

            ElementHandle small = viewer.page().addStyleTag(new Page.AddStyleTagOptions().setContent(SMALL));
            long shrunk = System.nanoTime();
            Participant.await(Duration.ofSeconds(5), "Viewer's 100 px tile getting the 120 px layer",
                    () -> height(viewer) <= 120);
            double down = (System.nanoTime() - shrunk) / 1e9;
            Participant.await(Duration.ofSeconds(5), "Ada stopping the layer nobody shows",
                    () -> sendingKbps(ada) < large / 3);
            double smallKbps = sendingKbps(ada);
            double smallFps = fps(viewer);
            System.out.printf("100 px tile: the small layer after %.1f s; Viewer decodes %.1f fps; Ada sends %.0f"
                    + " kbit/s%n", down, smallFps, smallKbps);
            assertThat(smallFps).as("Viewer still decoding Ada").isGreaterThanOrEqualTo(10);

            small.evaluate("e => e.remove()");
            ElementHandle hidden = viewer.page().addStyleTag(new Page.AddStyleTagOptions().setContent(HIDDEN));
            Thread.sleep(2_000);
            double hiddenFps = fps(viewer);
            System.out.printf("Hidden tile: Viewer decodes %.1f fps%n", hiddenFps);
            assertThat(hiddenFps).as("nothing sent to a hidden tile").isLessThan(1);

            hidden.evaluate("e => e.remove()");
            long shown = System.nanoTime();
            Participant.await(Duration.ofSeconds(15), "Viewer's large tile getting Ada's top layer again",
                    () -> height(viewer) >= 480 && fps(viewer) >= 10);
            System.out.printf("Large again: the top layer after %.1f s; Ada sends %.0f kbit/s%n",
                    (System.nanoTime() - shown) / 1e9, sendingKbps(ada));
        }
    }

    private static int height(Participant viewer) {
        return viewer.inboundVideoStat("frameHeight").getOrDefault("Ada", 0).intValue();
    }

    /** Frames Viewer decodes of Ada a second, over one second. */
    private static double fps(Participant viewer) {
        long before = viewer.framesDecoded("camera").getOrDefault("Ada", 0).longValue();
        Participant.pause(1_000);
        return viewer.framesDecoded("camera").getOrDefault("Ada", 0).longValue() - before;
    }

    /** What Ada's browser sends of her camera, over one second. */
    private static double sendingKbps(Participant ada) {
        long before = ada.bytesSent();
        Participant.pause(1_000);
        return (ada.bytesSent() - before) * 8 / 1000.0;
    }

}
