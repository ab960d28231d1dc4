package io.parley.embedded.recording;

import io.parley.video.ArchiveLayout;
import io.parley.video.LayoutType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each layout puts the right stream in the right rectangle, read back from the composed file's pixels: the inputs
 * are flat fields of different brightness (white ~235, grey ~126, dark ~57 in luma; the canvas is black, 16), so the
 * mean luma of a block says which stream it shows.
 */
class ArchiveComposerLayoutTest {

  private static final Duration TOTAL = Duration.ofSeconds(2);

  @TempDir
  static Path dir;
  static FfmpegBinary ffmpeg;
  static Path white;
  static Path grey;
  static Path dark;
  static Path longWhite;
  static Path longDark;

  @BeforeAll
  static void makeInputs() throws Exception {
    ffmpeg = FfmpegBinary.locate();
    white = flat("white.webm", "white");
    grey = flat("grey.webm", "0x808080");
    dark = flat("dark.webm", "0x303030");
    longWhite = flat("long-white.webm", "white", 4);
    longDark = flat("long-dark.webm", "0x303030", 4);
  }

  private static RecordedTrack camera(Path file) {
    return new RecordedTrack(file, 0, 2000, true, true, file.getFileName().toString());
  }

  private static RecordedTrack screen(Path file) {
    return new RecordedTrack(file, 0, 2000, true, true, file.getFileName().toString(), true, List.of());
  }

  private static RecordedTrack focus(Path file) {
    return new RecordedTrack(file, 0, 2000, true, true, file.getFileName().toString(), false, List.of("focus"));
  }

  private static Path compose(String name, List<RecordedTrack> tracks, ArchiveLayout layout) throws Exception {
    Path out = dir.resolve(name);
    new ArchiveComposer(ffmpeg).compose(tracks, out, 320, 240, false, true, TOTAL, layout, null).orElseThrow();
    return out;
  }

  @Test
  void verticalPresentationShowsTheScreenShareLargeOnTheLeft() throws Exception {
    // the screen share is listed second: the layout, not the order, makes it large
    Path out = compose("vertical.mp4", List.of(camera(white), screen(grey)),
        ArchiveLayout.of(LayoutType.VERTICAL_PRESENTATION));
    // large: x 0..256, the 4:3 picture fitted to 256x192 at y 24..216
    assertThat(meanLuma(out, 1.0, 78, 70, 100, 100)).isCloseTo(126, within(20.0));
    // the camera: right column x 256..320, fitted to 64x48 at y 96..144
    assertThat(meanLuma(out, 1.0, 268, 105, 40, 30)).isGreaterThan(200);
    assertThat(meanLuma(out, 1.0, 268, 10, 40, 30)).as("padding around it").isLessThan(25);
  }

  @Test
  void horizontalPresentationShowsTheFocusStreamLargeOnTop() throws Exception {
    Path out = compose("horizontal.mp4", List.of(camera(dark), focus(white)),
        ArchiveLayout.of(LayoutType.HORIZONTAL_PRESENTATION));
    // large: y 0..192, fitted to 256x192 at x 32..288
    assertThat(meanLuma(out, 1.0, 110, 46, 100, 100)).isGreaterThan(200);
    // the other: bottom row y 192..240, fitted to 64x48 at x 128..192
    assertThat(meanLuma(out, 1.0, 140, 201, 40, 30)).isCloseTo(57, within(20.0));
  }

  @Test
  void pipLaysTheSecondStreamOverTheFirstInTheBottomRightCorner() throws Exception {
    Path out = compose("pip.mp4", List.of(camera(white), camera(dark)), ArchiveLayout.of(LayoutType.PIP));
    assertThat(meanLuma(out, 1.0, 50, 50, 100, 100)).isGreaterThan(200);
    // the small one: 80x60 at x 234, y 174
    assertThat(meanLuma(out, 1.0, 254, 189, 40, 30)).isCloseTo(57, within(20.0));
  }

  @Test
  void bestFitWithAScreenshareTypeMakesTheScreenShareLarge() throws Exception {
    ArchiveLayout layout = new ArchiveLayout(LayoutType.BEST_FIT, null, LayoutType.VERTICAL_PRESENTATION);
    Path shared = compose("screenshare.mp4", List.of(camera(white), screen(grey)), layout);
    assertThat(meanLuma(shared, 1.0, 78, 70, 100, 100)).isCloseTo(126, within(20.0));

    Path cameras = compose("cameras.mp4", List.of(camera(white), camera(grey)), layout);
    // no screen share: side by side, the first on the left (160x120 fitted at y 60..180)
    assertThat(meanLuma(cameras, 1.0, 30, 80, 100, 80)).isGreaterThan(200);
    assertThat(meanLuma(cameras, 1.0, 190, 80, 100, 80)).isCloseTo(126, within(20.0));
  }

  @Test
  void aCustomStylesheetPlacesEachStreamByItsClasses() throws Exception {
    String css = "stream { left: 50%; top: 0; width: 50%; height: 50%; }"
        + " stream.focus { left: 0; width: 50%; height: 100%; object-fit: cover; }";
    Path out = compose("custom.mp4", List.of(camera(dark), focus(white)),
        new ArchiveLayout(LayoutType.CUSTOM, css, null));
    // the focus stream fills the left half, cropped rather than letterboxed: white to its top edge
    assertThat(meanLuma(out, 1.0, 10, 2, 140, 20)).isGreaterThan(200);
    assertThat(meanLuma(out, 1.0, 10, 100, 140, 100)).isGreaterThan(200);
    // the other: the top-right quarter (160x120, its own 4:3), and nothing below it
    assertThat(meanLuma(out, 1.0, 180, 20, 120, 80)).isCloseTo(57, within(20.0));
    assertThat(meanLuma(out, 1.0, 180, 140, 120, 80)).as("bottom right is the canvas").isLessThan(25);
  }

  @Test
  void maxBitrateCapsTheEncodersBitrate() {
    List<String> capped = new ArchiveComposer(ffmpeg).command(List.of(camera(white)), dir.resolve("x.mp4"), 1280,
        720, true, true, TOTAL, ArchiveLayout.BEST_FIT, 300_000);
    assertThat(String.join(" ", capped)).contains("-b:v 300000").contains("-maxrate 300000");
    List<String> uncapped = new ArchiveComposer(ffmpeg).command(List.of(camera(white)), dir.resolve("x.mp4"), 1280,
        720, true, true, TOTAL, ArchiveLayout.BEST_FIT, null);
    assertThat(String.join(" ", uncapped)).contains("-b:v " + ArchiveComposer.videoBitrate(1280, 720))
        .doesNotContain("-maxrate");
  }

  @Test
  void aPortraitResolutionGivesAPortraitPicture() throws Exception {
    Path out = dir.resolve("portrait.mp4");
    MediaProbe probe = new ArchiveComposer(ffmpeg).compose(List.of(camera(white)), out, 480, 640, false, true, TOTAL,
        ArchiveLayout.BEST_FIT, null).orElseThrow();
    assertThat(probe.streams("video")).singleElement().satisfies(v -> {
      assertThat(v.width()).isEqualTo(480);
      assertThat(v.height()).isEqualTo(640);
    });
  }

  @Test
  void aLayoutChangedMidArchiveShowsFromThatMoment() throws Exception {
    Path out = dir.resolve("changed.mp4");
    new ArchiveComposer(ffmpeg).compose(List.of(camera(longWhite, 4000), camera(longDark, 4000)), out, 320, 240,
        false, true, Duration.ofSeconds(4), ArchiveLayout.BEST_FIT,
        List.of(LayoutChange.ofLayout(0, ArchiveLayout.BEST_FIT), LayoutChange.ofLayout(2000,
            ArchiveLayout.of(LayoutType.PIP))), null).orElseThrow();
    // bestFit until 2 s: side by side, white left, dark right
    assertThat(meanLuma(out, 1.0, 30, 80, 100, 80)).isGreaterThan(200);
    assertThat(meanLuma(out, 1.0, 190, 80, 100, 80)).isCloseTo(57, within(20.0));
    assertThat(meanLuma(out, 1.9, 190, 80, 100, 80)).as("still bestFit just before").isCloseTo(57, within(20.0));
    // pip from 2 s: white fills the canvas, dark in the bottom-right corner
    assertThat(meanLuma(out, 2.2, 190, 80, 100, 80)).isGreaterThan(200);
    assertThat(meanLuma(out, 3.0, 254, 189, 40, 30)).isCloseTo(57, within(20.0));
  }

  @Test
  void aFilterGraphLargerThanOneCommandLineArgumentStillComposes() throws Exception {
    List<LayoutChange> changes = new java.util.ArrayList<>();
    for (int i = 0; i < 400; i++) {
      changes.add(LayoutChange.ofLayout(i * 5L, ArchiveLayout.of(i % 2 == 0 ? LayoutType.PIP : LayoutType.BEST_FIT)));
    }
    List<RecordedTrack> tracks = List.of(camera(longWhite, 4000), camera(longDark, 4000));
    String graph = String.join(" ", new ArchiveComposer(ffmpeg).command(tracks, dir.resolve("x.mp4"), 320, 240,
        false, true, Duration.ofSeconds(4), ArchiveLayout.BEST_FIT, changes, null));
    assertThat(graph.length()).as("beyond Linux's 128 KiB per argument").isGreaterThan(131_072);

    Path out = dir.resolve("many-changes.mp4");
    new ArchiveComposer(ffmpeg).compose(tracks, out, 320, 240, false, true, Duration.ofSeconds(4),
        ArchiveLayout.BEST_FIT, changes, null).orElseThrow();
    // the last change (at 1.995 s) is bestFit, which holds to the end: side by side
    assertThat(meanLuma(out, 3.0, 190, 80, 100, 80)).isCloseTo(57, within(20.0));
  }

  @Test
  void aFocusClassGivenMidArchiveMakesThatStreamTheLargeOne() throws Exception {
    Path out = dir.resolve("focus-changed.mp4");
    RecordedTrack white = camera(longWhite, 4000);
    new ArchiveComposer(ffmpeg).compose(List.of(camera(longDark, 4000), white), out, 320, 240, false, true,
        Duration.ofSeconds(4), ArchiveLayout.of(LayoutType.HORIZONTAL_PRESENTATION),
        List.of(LayoutChange.ofClasses(2000, java.util.Map.of(white.label(), List.of("focus")))), null)
        .orElseThrow();
    // no focus yet: the first stream (dark) is large on top, white small below
    assertThat(meanLuma(out, 1.0, 110, 46, 100, 100)).isCloseTo(57, within(20.0));
    assertThat(meanLuma(out, 1.0, 140, 201, 40, 30)).isGreaterThan(200);
    // white has the focus from 2 s
    assertThat(meanLuma(out, 3.0, 110, 46, 100, 100)).isGreaterThan(200);
    assertThat(meanLuma(out, 3.0, 140, 201, 40, 30)).isCloseTo(57, within(20.0));
  }

  private static RecordedTrack camera(Path file, long stopMillis) {
    return new RecordedTrack(file, 0, stopMillis, true, true, file.getFileName().toString());
  }

  /** A flat field of one colour, VP8 in WebM as the recorder writes it. */
  private static Path flat(String name, String colour) throws Exception {
    return flat(name, colour, 2);
  }

  private static Path flat(String name, String colour, int seconds) throws Exception {
    Path file = dir.resolve(name);
    run(List.of(ffmpeg.ffmpeg().toString(), "-nostdin", "-v", "error", "-f", "lavfi", "-i",
        "color=c=" + colour + ":size=160x120:rate=15", "-t", Integer.toString(seconds), "-c:v", "libvpx", "-deadline", "realtime",
        "-cpu-used", "8", "-b:v", "200k", "-y", file.toString()));
    return file;
  }

  private static double meanLuma(Path file, double second, int x, int y, int w, int h) throws Exception {
    return LumaProbe.meanLuma(ffmpeg, file, second, x, y, w, h);
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
