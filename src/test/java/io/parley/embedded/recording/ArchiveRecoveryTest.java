package io.parley.embedded.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.embedded.archives.ArchiveRecorder;
import io.parley.storage.JsonStore;
import io.parley.testing.TestConfigs;
import io.parley.video.Archive;
import io.parley.video.ArchiveLayout;
import io.parley.video.ArchiveStatus;
import io.parley.video.LayoutType;
import io.parley.video.OutputMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a crash leaves is used: stream files cut off mid-cluster are trimmed to their last complete cluster and
 * composed; an archive with nothing usable fails with a reason.
 */
class ArchiveRecoveryTest {

    @TempDir
    Path folder;

    private final ObjectMapper mapper = TestConfigs.mapper();

    private RoutedArchiveRecorder recorder() {
        JsonStore store = TestConfigs.store(folder);
        // recovery needs neither the router nor live sessions: only the files
        return new RoutedArchiveRecorder(null, null, store, mapper);
    }

    private static Archive archive(OutputMode mode) {
        return new Archive("a0000000-0000-4000-8000-00000000000a", "session", "crashed", ArchiveStatus.STOPPED, mode,
                true, true, "320x240", Instant.parse("2026-06-01T10:00:00Z"), 0, 0, null, null);
    }

    @Test
    void aStreamFileCutOffByACrashIsTrimmedAndComposed() throws Exception {
        Path stream = folder.resolve("s1.webm");
        encode(stream, 4);
        long fullSize = Files.size(stream);
        try (FileChannel channel = FileChannel.open(stream, StandardOpenOption.WRITE)) {
            channel.truncate(fullSize * 6 / 10);
        }
        mapper.writeValue(folder.resolve("tracks.json").toFile(),
                List.of(new RecordedStream("s1", "{\"displayName\":\"Ada\"}", "s1.webm", 500, -1, true, true)));

        ArchiveRecorder.Outcome outcome = recorder().recover(archive(OutputMode.COMPOSED), folder)
                .get(90, TimeUnit.SECONDS);

        assertThat(outcome.status()).as("outcome %s", outcome).isEqualTo(ArchiveStatus.AVAILABLE);
        assertThat(outcome.size()).isPositive();
        MediaProbe probe = FfmpegBinary.locate().probe(folder.resolve("archive.mp4"));
        assertThat(probe.streams("video")).hasSize(1);
        assertThat(probe.streams("audio")).hasSize(1);
        assertThat(probe.duration().toMillis()).isBetween(1_000L, 4_500L);
    }

    /** The layout changes a recording wrote beside its streams are followed, after a crash as after a stop. */
    @Test
    void aRecoveredArchiveFollowsTheLayoutChangesThatWereWritten() throws Exception {
        flat(folder.resolve("white.webm"), "white");
        flat(folder.resolve("dark.webm"), "0x303030");
        mapper.writeValue(folder.resolve("tracks.json").toFile(), List.of(
                new RecordedStream("white", null, "white.webm", 0, -1, false, true),
                new RecordedStream("dark", null, "dark.webm", 0, -1, false, true)));
        mapper.writeValue(folder.resolve(ArchiveRecording.LAYOUT_CHANGES).toFile(), List.of(
                LayoutChange.ofLayout(0, ArchiveLayout.of(LayoutType.HORIZONTAL_PRESENTATION)),
                LayoutChange.ofClasses(2000, java.util.Map.of("dark", List.of("focus")))));

        ArchiveRecorder.Outcome outcome = recorder().recover(archive(OutputMode.COMPOSED), folder)
                .get(90, TimeUnit.SECONDS);

        assertThat(outcome.status()).as("outcome %s", outcome).isEqualTo(ArchiveStatus.AVAILABLE);
        Path out = folder.resolve("archive.mp4");
        FfmpegBinary ffmpeg = FfmpegBinary.locate();
        // 320x240, horizontal presentation: the large one on top (y 0..192), fitted to 256x192 at x 32
        assertThat(LumaProbe.meanLuma(ffmpeg, out, 1.0, 110, 46, 100, 100)).as("white large first")
                .isGreaterThan(200);
        assertThat(LumaProbe.meanLuma(ffmpeg, out, 3.0, 110, 46, 100, 100)).as("dark has the focus from 2 s")
                .isLessThan(90);
    }

    @Test
    void individualArchivesAreZippedFromWhatWasWritten() throws Exception {
        encode(folder.resolve("s1.webm"), 2);
        mapper.writeValue(folder.resolve("tracks.json").toFile(),
                List.of(new RecordedStream("s1", "{\"displayName\":\"Ada\"}", "s1.webm", 0, 2000, true, true)));

        ArchiveRecorder.Outcome outcome = recorder().recover(archive(OutputMode.INDIVIDUAL), folder)
                .get(30, TimeUnit.SECONDS);

        assertThat(outcome.status()).isEqualTo(ArchiveStatus.AVAILABLE);
        assertThat(folder.resolve("archive.zip")).isRegularFile();
    }

    @Test
    void nothingUsableMeansFailedWithAReason() throws Exception {
        Files.write(folder.resolve("s1.webm"), new byte[] {1, 2, 3});
        mapper.writeValue(folder.resolve("tracks.json").toFile(),
                List.of(new RecordedStream("s1", null, "s1.webm", 0, -1, true, true)));

        ArchiveRecorder.Outcome outcome = recorder().recover(archive(OutputMode.COMPOSED), folder)
                .get(30, TimeUnit.SECONDS);

        assertThat(outcome.status()).isEqualTo(ArchiveStatus.FAILED);
        assertThat(outcome.reason()).contains("no media");
    }

    private static void flat(Path file, String colour) throws IOException, InterruptedException {
        FfmpegBinary ffmpeg = FfmpegBinary.locate();
        Process process = ffmpeg.processBuilder(List.of(ffmpeg.ffmpeg().toString(), "-nostdin", "-v", "error",
                "-f", "lavfi", "-i", "color=c=" + colour + ":size=160x120:rate=15", "-t", "4", "-c:v", "libvpx",
                "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k", "-cluster_time_limit", "1000", "-y",
                file.toString())).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }

    /** A test pattern with a tone, encoded as the recorder writes it: VP8 and Opus in WebM, clusters of 1 s. */
    private static void encode(Path file, int seconds) throws IOException, InterruptedException {
        FfmpegBinary ffmpeg = FfmpegBinary.locate();
        Process process = ffmpeg.processBuilder(List.of(ffmpeg.ffmpeg().toString(), "-nostdin", "-v", "error",
                "-f", "lavfi", "-i", "testsrc=size=160x120:rate=15", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", Integer.toString(seconds), "-c:v", "libvpx",
                "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k", "-c:a", "libopus", "-cluster_time_limit",
                "1000", "-y", file.toString()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }
}
