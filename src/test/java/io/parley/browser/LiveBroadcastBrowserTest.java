package io.parley.browser;

import io.parley.embedded.recording.FfmpegBinary;
import io.parley.embedded.recording.LumaProbe;
import io.parley.testing.WebAppProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's live broadcast on the embedded platform, end to end: a participant publishes from Chromium, the back end
 * starts a broadcast with HLS and an RTMP destination (FFmpeg listening on 127.0.0.1, as an ingest would), and
 * while it runs ffprobe reads the playlist through Parley's signed HLS URL and the segments show the camera. A layout
 * change and a second participant start new periods, which the playlist marks as discontinuities; stopping ends the
 * playlist, and the RTMP receiver has H.264 and AAC.
 */
@QuarkusTest
@TestProfile(WebAppProfile.class)
class LiveBroadcastBrowserTest extends BrowserTest {

    @Test
    void aRoomIsStreamedLiveAsHlsServedByParleyAndToAnRtmpIngest(@TempDir Path dir) throws Exception {
        Path bright = PatternVideo.write(dir.resolve("bright.y4m"), 320, 240, 20, 40, 200);
        Path dark = PatternVideo.write(dir.resolve("dark.y4m"), 320, 240, 20, 40, 40);
        FfmpegBinary ffmpeg = FfmpegBinary.locate();
        String room = "live-" + UUID.randomUUID().toString().substring(0, 8);
        int rtmpPort;
        try (ServerSocket free = new ServerSocket(0)) {
            rtmpPort = free.getLocalPort();
        }
        Path received = dir.resolve("received.flv");
        Process ingest = ffmpeg.processBuilder(List.of(ffmpeg.ffmpeg().toString(), "-nostdin", "-hide_banner",
                        "-loglevel", "warning", "-y", "-listen", "1", "-i", "rtmp://127.0.0.1:" + rtmpPort + "/live/key",
                        "-c", "copy", "-f", "flv", received.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("ingest.log").toFile()).start();
        try (Chromium brightCamera = Chromium.launch(List.of("--use-file-for-fake-video-capture=" + bright));
             Chromium darkCamera = Chromium.launch(List.of("--use-file-for-fake-video-capture=" + dark));
             Participant ada = Participant.joinRoom(brightCamera.browser(), base(), room, "Ada")) {
            ada.awaitPublishing(MEDIA_STARTS);
            String sessionId = given().contentType(ContentType.JSON).body(Map.of("displayName", "probe"))
                    .post("/api/v1/rooms/{name}/join", room).then().statusCode(200).extract().path("sessionId");

            var started = asServer().body(Map.of("outputs", Map.of("hls", Map.of(),
                            "rtmp", List.of(Map.of("id", "ingest", "serverUrl", "rtmp://127.0.0.1:" + rtmpPort + "/live",
                                    "streamName", "key")))))
                    .post("/api/v1/sessions/{id}/broadcasts", sessionId).then().statusCode(201).extract();
            String broadcastId = started.path("id");
            String hlsUrl = started.path("broadcastUrls.hls");
            assertThat(started.asString()).as("the stream key is never reported").doesNotContain("\"key\"");
            assertThat(hlsUrl).startsWith("/media/broadcasts/" + broadcastId + "/");

            String playlist = awaitSegments(hlsUrl, 2, Duration.ofSeconds(30));
            String probed = ffprobe(ffmpeg, base() + hlsUrl);
            System.out.println("ffprobe of the live playlist: " + probed.replace('\n', ' '));
            assertThat(probed).contains("h264,640,480").contains("aac");
            // one camera in bestFit fills the canvas: its grey (luma 200). Its audio may go on the air a moment
            // before its first key frame does, so the picture is looked for in the segments as they come.
            long onAir = System.nanoTime();
            double luma = 0;
            String seen = "";
            while (luma <= 150 && System.nanoTime() - onAir < Duration.ofSeconds(15).toNanos()) {
                String newest = lastSegment(awaitPlaylist(hlsUrl, p -> !lastSegment(p).equals(""), MEDIA_STARTS));
                if (!newest.equals(seen)) {
                    seen = newest;
                    luma = LumaProbe.meanLuma(ffmpeg, download(hlsUrl, newest, dir), 0, 40, 40, 200, 160);
                    System.out.printf("live segment %s: luma %.0f%n", newest, luma);
                }
                Thread.sleep(300);
            }
            assertThat(luma).as("Ada's bright camera is on the air").isGreaterThan(150);
            assertThat(asServer().get("/api/v1/broadcasts/{id}", broadcastId).then().statusCode(200).extract()
                    .<String>path("broadcastUrls.rtmp[0].status")).isEqualTo("live");

            int before = segmentNumber(lastSegment(awaitSegments(hlsUrl, 2, Duration.ofSeconds(5))));
            try (Participant grace = Participant.joinRoom(darkCamera.browser(), base(), room, "Grace")) {
                grace.awaitPublishing(MEDIA_STARTS);
                asServer().body(Map.of("type", "verticalPresentation"))
                        .put("/api/v1/broadcasts/{id}/layout", broadcastId).then().statusCode(204);
                // a new period after the change: a discontinuity after the segments there were, then two segments
                String after = awaitPlaylist(hlsUrl, p -> firstSegmentAfterLastDiscontinuity(p) > before
                        && segmentsAfterLastDiscontinuity(p) >= 2, Duration.ofSeconds(40));
                Path both = download(hlsUrl, lastSegment(after), dir);
                // verticalPresentation: the large area is the left 512 columns, the other camera on the right
                double large = LumaProbe.meanLuma(ffmpeg, both, 0, 100, 140, 300, 200);
                double column = LumaProbe.meanLuma(ffmpeg, both, 0, 530, 0, 100, 480);
                System.out.printf("after the change: large area luma %.0f, right column luma %.0f%n", large, column);
                assertThat(Math.abs(large - column)).as("two different cameras, one large and one small")
                        .isGreaterThan(40);
            }

            asServer().post("/api/v1/broadcasts/{id}/stop", broadcastId).then().statusCode(200);
            asServer().get("/api/v1/broadcasts/{id}", broadcastId).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("STOPPED"))
                    .body("broadcastUrls.rtmp[0].status", org.hamcrest.Matchers.equalTo("offline"));
            awaitPlaylist(hlsUrl, p -> p.contains("#EXT-X-ENDLIST"), Duration.ofSeconds(15));
            asServer().post("/api/v1/broadcasts/{id}/stop", broadcastId).then().statusCode(409);
        } finally {
            ingest.waitFor(10, TimeUnit.SECONDS);
            ingest.destroyForcibly();
        }
        String streams = ffprobe(ffmpeg, received.toString());
        System.out.println("RTMP ingest received: " + streams.replace('\n', ' '));
        assertThat(streams).contains("h264,640,480").contains("aac");
    }

    private static String awaitSegments(String hlsUrl, int count, Duration within) throws InterruptedException {
        return awaitPlaylist(hlsUrl, p -> p.lines().filter(l -> l.endsWith(".ts")).count() >= count, within);
    }

    private static String awaitPlaylist(String hlsUrl, java.util.function.Predicate<String> ready, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String playlist = "";
        while (System.nanoTime() < deadline) {
            var response = given().get(hlsUrl).then().extract();
            if (response.statusCode() == 200) {
                assertThat(response.contentType()).startsWith("application/vnd.apple.mpegurl");
                playlist = response.asString();
                if (ready.test(playlist)) {
                    return playlist;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the playlist is not ready after " + within + ":\n" + playlist);
    }

    private static List<String> segmentsAfterLastDiscontinuityList(String playlist) {
        List<String> lines = playlist.lines().toList();
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("#EXT-X-DISCONTINUITY")) {
                last = i;
            }
        }
        return last < 0 ? List.of() : lines.subList(last + 1, lines.size()).stream().filter(l -> l.endsWith(".ts"))
                .toList();
    }

    private static int segmentsAfterLastDiscontinuity(String playlist) {
        return segmentsAfterLastDiscontinuityList(playlist).size();
    }

    private static int firstSegmentAfterLastDiscontinuity(String playlist) {
        List<String> segments = segmentsAfterLastDiscontinuityList(playlist);
        return segments.isEmpty() ? -1 : segmentNumber(segments.get(0));
    }

    private static int segmentNumber(String segment) {
        return Integer.parseInt(segment.replaceAll("\\D", ""));
    }

    private static String lastSegment(String playlist) {
        List<String> segments = playlist.lines().filter(l -> l.endsWith(".ts")).toList();
        return segments.get(segments.size() - 1);
    }

    private static Path download(String hlsUrl, String segment, Path dir) throws IOException {
        String url = hlsUrl.substring(0, hlsUrl.lastIndexOf('/') + 1) + segment;
        byte[] body = given().get(url).then().statusCode(200).contentType("video/mp2t").extract().asByteArray();
        return Files.write(dir.resolve(segment), body);
    }

    private static String ffprobe(FfmpegBinary ffmpeg, String input) throws Exception {
        List<String> command = new ArrayList<>(List.of(ffmpeg.ffprobe().orElseThrow().toString(), "-v", "error",
                "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", input));
        Process probe = ffmpeg.processBuilder(command).redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
