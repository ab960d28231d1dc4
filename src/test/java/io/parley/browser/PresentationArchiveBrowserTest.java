package io.parley.browser;

import io.parley.embedded.recording.FfmpegBinary;
import io.parley.embedded.recording.LumaProbe;
import io.parley.embedded.recording.MediaProbe;
import io.parley.testing.WebAppProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's proof in a real room: a moderator's archive laid out as verticalPresentation while someone shares a
 * screen shows the screen large; a notice signalled by the back end reaches every participant; a session mute
 * leaves the excluded stream unmuted. The cameras are flat fields (dark for two participants, bright for the one who
 * shares), so the archive's pixels say which picture is where.
 */
@QuarkusTest
@TestProfile(WebAppProfile.class)
class PresentationArchiveBrowserTest extends BrowserTest {

    @Test
    void theSharedScreenIsLargeInTheArchiveAndNoticesAndMuteAllReachTheRoom(@TempDir Path dir) throws Exception {
        Path dark = PatternVideo.write(dir.resolve("dark.y4m"), 320, 240, 20, 40, 40);
        Path bright = PatternVideo.write(dir.resolve("bright.y4m"), 320, 240, 20, 40, 200);
        String room = "presented-" + UUID.randomUUID().toString().substring(0, 8);
        try (Chromium darkCameras = Chromium.launch(List.of("--use-file-for-fake-video-capture=" + dark));
             Chromium brightCamera = Chromium.launch(List.of("--use-file-for-fake-video-capture=" + bright));
             Participant mod = Participant.joinRoom(darkCameras.browser(), base(), room, "Mod");
             Participant ada = Participant.joinRoom(darkCameras.browser(), base(), room, "Ada");
             Participant grace = Participant.joinRoom(brightCamera.browser(), base(), room, "Grace")) {
            mod.awaitDecodingFrom(MEDIA_STARTS, "camera", "Ada", "Grace");
            String sessionId = given().contentType(ContentType.JSON).body(Map.of("displayName", "probe"))
                    .post("/api/v1/rooms/{name}/join", room).then().statusCode(200).extract().path("sessionId");

            grace.button("Share screen").click();
            mod.awaitDecodingFrom(MEDIA_STARTS, "screen", "Grace");
            String archiveId = asServer().body(Map.of("name", room, "layout", Map.of("type", "verticalPresentation")))
                    .post("/api/v1/sessions/{id}/archives", sessionId).then().statusCode(201).extract().path("id");
            long recording = System.nanoTime();

            asServer().body(Map.of("type", "notice", "data", "{\"text\":\"This meeting is recorded\"}"))
                    .post("/api/v1/sessions/{id}/signal", sessionId).then().statusCode(204);
            for (Participant p : List.of(mod, ada, grace)) {
                p.page().getByText("This meeting is recorded").first().waitFor();
            }

            String graceCamera = grace.outboundStreamId("camera");
            asServer().body(Map.of("excludedStreamIds", List.of(graceCamera)))
                    .post("/api/v1/sessions/{id}/mute", sessionId).then().statusCode(204);
            mod.button("Unmute microphone").waitFor();
            ada.button("Unmute microphone").waitFor();
            assertThat(grace.button("Mute microphone").isVisible()).as("the excluded stream stays unmuted").isTrue();

            Thread.sleep(Math.max(0, 8_000 - (System.nanoTime() - recording) / 1_000_000));
            asServer().post("/api/v1/archives/{id}/stop", archiveId).then().statusCode(200);
            awaitAvailable(archiveId, Duration.ofSeconds(60));

            Path file = archiveFile(archiveId);
            FfmpegBinary ffmpeg = FfmpegBinary.locate();
            MediaProbe probe = ffmpeg.probe(file);
            double at = probe.duration().toMillis() / 1000.0 - 2;
            // 640x480: the large area is the left 512 columns, the others share the right column. Chromium's fake
            // screen is green and changes brightness frame by frame; the cameras are grey: chroma tells them apart.
            double large = LumaProbe.meanRedChroma(ffmpeg, file, at, 128, 140, 256, 200);
            double column = LumaProbe.meanRedChroma(ffmpeg, file, at, 520, 0, 112, 480);
            double brightest = 0;
            double darkest = 255;
            for (int cell = 0; cell < 3; cell++) {
                double luma = LumaProbe.meanLuma(ffmpeg, file, at, 520, cell * 160 + 40, 112, 80);
                brightest = Math.max(brightest, luma);
                darkest = Math.min(darkest, luma);
            }
            System.out.printf("Archive %s at %.1f s: large area V %.0f, right column V %.0f, its cameras' luma "
                    + "%.0f to %.0f%n", probe.duration(), at, large, column, darkest, brightest);
            assertThat(large).as("the screen share (green) fills the large area").isLessThan(110);
            assertThat(column).as("only cameras (grey) in the right column").isBetween(118.0, 138.0);
            assertThat(brightest).as("Grace's bright camera among them").isGreaterThan(150);
            assertThat(darkest).as("and a dark one").isLessThan(80);
        }
    }
}
