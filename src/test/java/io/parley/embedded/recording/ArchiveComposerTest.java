package io.parley.embedded.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Composes real WebM files, made by the bundled ffmpeg itself (VP8/Opus, as the recorder writes them), and checks the
 * result with the bundled ffprobe. Inputs are 160x120 and a few seconds long to keep the test quick on two cores.
 */
class ArchiveComposerTest {

  @TempDir
  static Path dir;
  static FfmpegBinary ffmpeg;
  static Path twoSecondsAv;
  static Path threeSecondsAv;
  static Path twoSecondsAudio;

  @BeforeAll
  static void makeInputs() throws Exception {
    ffmpeg = FfmpegBinary.locate();
    twoSecondsAv = webm("a.webm", 2, 440, true);
    threeSecondsAv = webm("b.webm", 3, 660, true);
    twoSecondsAudio = webm("c.webm", 2, 880, false);
  }

  @Test
  void theBundledProgramsAreFound() {
    assertThat(ffmpeg.ffmpeg()).isExecutable();
    assertThat(ffmpeg.ffprobe()).get().satisfies(p -> assertThat(p).isExecutable());
  }

  @Test
  void streamsAppearAndLeaveOnAGridWithTheirAudioMixed() throws Exception {
    Path out = dir.resolve("composed.mp4");
    List<RecordedTrack> tracks = List.of(
        new RecordedTrack(threeSecondsAv, 0, 3000, true, true, "first, whole archive"),
        new RecordedTrack(twoSecondsAv, 1500, 3500, true, true, "second, starts late"),
        new RecordedTrack(threeSecondsAv, 0, 1000, true, true, "third, stops early"));

    MediaProbe probe = new ArchiveComposer(ffmpeg)
        .compose(tracks, out, 320, 240, true, true, Duration.ofMillis(3500)).orElseThrow();

    assertThat(probe.streams("video")).singleElement().satisfies(v -> {
      assertThat(v.codecName()).isEqualTo("h264");
      assertThat(v.width()).isEqualTo(320);
      assertThat(v.height()).isEqualTo(240);
    });
    assertThat(probe.streams("audio")).singleElement().satisfies(a -> assertThat(a.codecName()).isEqualTo("aac"));
    assertThat(probe.duration().toMillis()).isCloseTo(3500L, within(500L));
    assertThat(out.resolveSibling("composed.mp4.part")).doesNotExist();
    assertThat(out.resolveSibling("composed.mp4.ffmpeg.log")).exists();
    // The second stream's cell (top right) is black before it starts and shows its test pattern after.
    assertThat(meanLuma(out, 1.0, 160, 0)).isLessThan(20);
    assertThat(meanLuma(out, 2.5, 160, 0)).isGreaterThan(40);
    // The third stream's cell (bottom left) shows it at first and is black once it has stopped.
    assertThat(meanLuma(out, 0.5, 0, 120)).isGreaterThan(40);
    assertThat(meanLuma(out, 2.0, 0, 120)).isLessThan(20);
  }

  @Test
  void audioOnlyTracksGiveABlackPictureWithSound() throws Exception {
    Path out = dir.resolve("voices.mp4");
    MediaProbe probe = new ArchiveComposer(ffmpeg).compose(
        List.of(new RecordedTrack(twoSecondsAudio, 500, 2500, false, true, "voice")),
        out, 320, 240, true, true, Duration.ofSeconds(3)).orElseThrow();

    assertThat(probe.streams("video")).hasSize(1);
    assertThat(probe.streams("audio")).hasSize(1);
    assertThat(probe.duration().toMillis()).isCloseTo(3000L, within(500L));
  }

  @Test
  void anArchiveWithoutVideoHasOnlyAudio() throws Exception {
    MediaProbe probe = new ArchiveComposer(ffmpeg).compose(
        List.of(new RecordedTrack(twoSecondsAv, 0, 2000, true, true, "a")),
        dir.resolve("audio-only.mp4"), 320, 240, true, false, Duration.ofSeconds(2)).orElseThrow();

    assertThat(probe.streams("video")).isEmpty();
    assertThat(probe.streams("audio")).hasSize(1);
  }

  @Test
  void anArchiveWithoutAudioHasOnlyVideo() throws Exception {
    MediaProbe probe = new ArchiveComposer(ffmpeg).compose(
        List.of(new RecordedTrack(twoSecondsAv, 0, 2000, true, true, "a"),
            new RecordedTrack(twoSecondsAudio, 0, 2000, false, true, "voice")),
        dir.resolve("video-only.mp4"), 320, 240, false, true, Duration.ofSeconds(2)).orElseThrow();

    assertThat(probe.streams("video")).hasSize(1);
    assertThat(probe.streams("audio")).isEmpty();
    assertThat(probe.duration().toMillis()).isCloseTo(2000L, within(500L));
  }

  @Test
  void aBrokenInputFailsWithFfmpegsReasonAndLeavesNoFile() throws Exception {
    Path broken = dir.resolve("broken.webm");
    Files.write(broken, new byte[] {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3, 1, 2, 3, 4, 5, 6, 7, 8});
    Path out = dir.resolve("broken.mp4");

    assertThatThrownBy(() -> new ArchiveComposer(ffmpeg).compose(
        List.of(new RecordedTrack(broken, 0, 1000, true, true, "broken")),
        out, 320, 240, true, true, Duration.ofSeconds(1)))
        .isInstanceOf(CompositionFailedException.class)
        .hasMessageContaining("ffmpeg exited with")
        .hasMessageContaining("broken.webm");
    assertThat(out).doesNotExist();
    assertThat(out.resolveSibling("broken.mp4.part")).doesNotExist();
  }

  @Test
  void theQueueComposesOnItsOwnThreadAndReportsFailures() throws Exception {
    try (CompositionQueue queue = new CompositionQueue(new ArchiveComposer(ffmpeg), 1)) {
      var ok = queue.submit(List.of(new RecordedTrack(twoSecondsAudio, 0, 1000, false, true, "voice")),
          dir.resolve("queued.mp4"), 160, 120, true, false, Duration.ofSeconds(1));
      var failed = queue.submit(List.of(new RecordedTrack(dir.resolve("missing.webm"), 0, 1000, false, true, "gone")),
          dir.resolve("queued-missing.mp4"), 160, 120, true, false, Duration.ofSeconds(1));

      assertThat(ok.get(30, TimeUnit.SECONDS)).isPresent();
      assertThat(queue.run(Thread::currentThread).get(5, TimeUnit.SECONDS).getName()).startsWith("parley-composer-");
      assertThatThrownBy(() -> failed.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(CompositionFailedException.class)
          .hasMessageContaining("missing.webm");
    }
  }

  @Test
  void theTimeoutGrowsWithTheArchive() {
    assertThat(ArchiveComposer.timeout(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(60));
    assertThat(ArchiveComposer.timeout(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void neitherAudioNorVideoIsRefused() {
    assertThatThrownBy(() -> new ArchiveComposer(ffmpeg).compose(List.of(), dir.resolve("x.mp4"), 320, 240,
        false, false, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
  }

  /** A test pattern (or nothing) with a tone, encoded as the recorder does: VP8 + Opus in WebM. */
  private static Path webm(String name, int seconds, int hertz, boolean video) throws Exception {
    Path file = dir.resolve(name);
    List<String> cmd = new java.util.ArrayList<>(List.of(ffmpeg.ffmpeg().toString(), "-nostdin", "-v", "error"));
    if (video) {
      cmd.addAll(List.of("-f", "lavfi", "-i", "testsrc=size=160x120:rate=15"));
    }
    cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=" + hertz + ":sample_rate=48000", "-t",
        Integer.toString(seconds)));
    if (video) {
      cmd.addAll(List.of("-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k"));
    }
    cmd.addAll(List.of("-c:a", "libopus", "-y", file.toString()));
    run(cmd);
    return file;
  }

  /** Mean luma of the 160x120 block at (x, y) of the frame at {@code second}, from ffmpeg's signalstats. */
  private static double meanLuma(Path file, double second, int x, int y) throws Exception {
    String out = run(List.of(ffmpeg.ffmpeg().toString(), "-nostdin", "-v", "error", "-ss", Double.toString(second),
        "-i", file.toString(), "-frames:v", "1",
        "-vf", "crop=160:120:" + x + ":" + y + ",signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=-",
        "-f", "null", "-"));
    String line = out.lines().filter(l -> l.startsWith("lavfi.signalstats.YAVG=")).findFirst().orElseThrow(
        () -> new AssertionError("no luma in: " + out));
    return Double.parseDouble(line.substring(line.indexOf('=') + 1));
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = ffmpeg.processBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("ffmpeg failed: " + cmd + "\n" + out);
    }
    return out;
  }
}
