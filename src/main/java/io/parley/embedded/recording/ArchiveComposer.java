package io.parley.embedded.recording;

import io.parley.video.ArchiveLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Makes the COMPOSED output of an archive: one MP4 (H.264 + AAC, faststart; why in {@code package-info}) from the
 * recorder's per-stream WebM files.
 *
 * <p>The picture is a black canvas lasting the whole archive. Each video stream is placed in a cell of the archive's
 * layout ({@link CompositionLayout}: by default a grid sized by the number of video streams) and is visible only
 * between its start and stop offsets; where the layout or the streams' layout classes changed while recording
 * ({@link LayoutTimeline}), the streams are placed anew from that moment. All
 * audio streams are delayed to their start offsets and mixed, without normalisation, so that a voice is as loud with
 * one participant as with five; a silent bed the length of the archive keeps the audio track as long as the picture.
 *
 * <p>{@link #compose} blocks for as long as FFmpeg runs (seconds to minutes): call it from
 * {@link CompositionQueue}'s threads, never from a Vert.x event loop or a request thread. FFmpeg's output goes to a log
 * file beside the output ({@code <output>.ffmpeg.log}), never to the application's log; its last lines become the
 * failure reason.
 */
public final class ArchiveComposer {

  private static final Logger LOG = Logger.getLogger(ArchiveComposer.class);
  /** Webcams send 24–30 fps; 25 keeps motion smooth at a lower encoding cost than 30. */
  static final int FRAME_RATE = 25;
  static final Duration MIN_TIMEOUT = Duration.ofSeconds(60);
  private static final int REASON_LINES = 6;
  private static final long SEGMENT_LEAD_MILLIS = 1000;

  private final FfmpegBinary ffmpeg;

  public ArchiveComposer(FfmpegBinary ffmpeg) {
    this.ffmpeg = ffmpeg;
  }

  /**
   * Composes {@code tracks} into {@code output}. The file appears only when complete (FFmpeg writes a {@code .part}
   * file that is then renamed), so a crash never leaves a truncated archive under the final name.
   *
   * @param total the archive's duration, from its start to its stop; the output lasts this long
   * @return what ffprobe says about the output, if an ffprobe is available
   * @throws CompositionFailedException FFmpeg failed or overran its time; the message is the reason to show
   * @throws InterruptedException       the queue is shutting down; FFmpeg has been killed
   */
  public Optional<MediaProbe> compose(List<RecordedTrack> tracks, Path output, int width, int height,
      boolean hasAudio, boolean hasVideo, Duration total) throws CompositionFailedException, InterruptedException {
    return compose(tracks, output, width, height, hasAudio, hasVideo, total, ArchiveLayout.BEST_FIT, null);
  }

  /**
   * As {@link #compose(List, Path, int, int, boolean, boolean, Duration)}, with the streams placed by {@code layout}
   * ({@link CompositionLayout}) and the video bitrate capped at {@code maxBitrate} bits per second (null: no cap).
   */
  public Optional<MediaProbe> compose(List<RecordedTrack> tracks, Path output, int width, int height,
      boolean hasAudio, boolean hasVideo, Duration total, ArchiveLayout layout, Integer maxBitrate)
      throws CompositionFailedException, InterruptedException {
    return compose(tracks, output, width, height, hasAudio, hasVideo, total, layout, List.of(), maxBitrate);
  }

  /**
   * As above, with the {@code changes} made to the layout and the streams' layout classes while the archive recorded
   * ({@link LayoutTimeline}): from each change's offset on, the picture is laid out the new way.
   */
  public Optional<MediaProbe> compose(List<RecordedTrack> tracks, Path output, int width, int height,
      boolean hasAudio, boolean hasVideo, Duration total, ArchiveLayout layout, List<LayoutChange> changes,
      Integer maxBitrate) throws CompositionFailedException, InterruptedException {
    List<String> command = new ArrayList<>(command(tracks, output.resolveSibling(output.getFileName() + ".part"),
        width, height, hasAudio, hasVideo, total, layout, changes, maxBitrate));
    Path part = Path.of(command.get(command.size() - 1));
    Path log = output.resolveSibling(output.getFileName() + ".ffmpeg.log");
    graphFromFile(command, output.resolveSibling(output.getFileName() + ".filtergraph"));
    Duration timeout = timeout(total);
    long started = System.nanoTime();
    Process process;
    try {
      process = ffmpeg.processBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
          .start();
    } catch (IOException e) {
      throw new CompositionFailedException("cannot run " + ffmpeg.ffmpeg() + ": " + e.getMessage(), e);
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new CompositionFailedException("composition took longer than " + timeout.toSeconds() + " s; last output: "
            + logTail(log));
      }
    } catch (InterruptedException e) {
      kill(process);
      deleteQuietly(part);
      throw e;
    }
    if (process.exitValue() != 0) {
      deleteQuietly(part);
      throw new CompositionFailedException("ffmpeg exited with " + process.exitValue() + ": " + logTail(log));
    }
    try {
      Files.move(part, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CompositionFailedException("cannot move the composed file into place: " + e.getMessage(), e);
    }
    LOG.infof("composed %d track(s) into %s in %d ms", tracks.size(), output.getFileName(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    if (ffmpeg.ffprobe().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ffmpeg.probe(output));
    } catch (IOException e) {
      throw new CompositionFailedException("the composed file is unreadable: " + e.getMessage(), e);
    }
  }

  /**
   * Moves the filter graph into a file FFmpeg reads ({@code -/filter_complex}): with many streams and layout changes
   * it outgrows what one command-line argument may hold (128 KiB on Linux).
   */
  private static void graphFromFile(List<String> command, Path file) throws CompositionFailedException {
    int at = command.indexOf("-filter_complex");
    try {
      Files.writeString(file, command.get(at + 1), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CompositionFailedException("cannot write the filter graph: " + e.getMessage(), e);
    }
    command.set(at, "-/filter_complex");
    command.set(at + 1, file.toString());
  }

  /** Long enough for a slow machine (FFmpeg here encodes several times faster than real time), short enough to end a hang. */
  static Duration timeout(Duration total) {
    Duration scaled = total.multipliedBy(3);
    return scaled.compareTo(MIN_TIMEOUT) > 0 ? scaled : MIN_TIMEOUT;
  }

  /** The FFmpeg command line; its last element is the file it writes. */
  List<String> command(List<RecordedTrack> tracks, Path target, int width, int height, boolean hasAudio,
      boolean hasVideo, Duration total) {
    return command(tracks, target, width, height, hasAudio, hasVideo, total, ArchiveLayout.BEST_FIT, null);
  }

  List<String> command(List<RecordedTrack> tracks, Path target, int width, int height, boolean hasAudio,
      boolean hasVideo, Duration total, ArchiveLayout layout, Integer maxBitrate) {
    return command(tracks, target, width, height, hasAudio, hasVideo, total, layout, List.of(), maxBitrate);
  }

  List<String> command(List<RecordedTrack> tracks, Path target, int width, int height, boolean hasAudio,
      boolean hasVideo, Duration total, ArchiveLayout layout, List<LayoutChange> changes, Integer maxBitrate) {
    if (!hasAudio && !hasVideo) {
      throw new IllegalArgumentException("an archive needs audio, video or both");
    }
    if (width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException("resolution must be even and positive, got " + width + "x" + height);
    }
    if (total.isNegative() || total.isZero()) {
      throw new IllegalArgumentException("an archive's duration must be positive, got " + total);
    }
    List<String> cmd = new ArrayList<>(List.of(ffmpeg.ffmpeg().toString(), "-nostdin", "-hide_banner", "-nostats",
        "-loglevel", "info", "-y"));
    // One input per file that contributes something; the same input serves a track's audio and its video.
    List<RecordedTrack> videos = new ArrayList<>();
    List<Integer> videoInputs = new ArrayList<>();
    List<RecordedTrack> audios = new ArrayList<>();
    List<Integer> audioInputs = new ArrayList<>();
    int input = 0;
    for (RecordedTrack track : tracks) {
      boolean video = hasVideo && track.hasVideo();
      boolean audio = hasAudio && track.hasAudio();
      if ((!video && !audio) || track.durationMillis() == 0 || track.startMillis() >= total.toMillis()) {
        continue;
      }
      cmd.add("-i");
      cmd.add(track.file().toString());
      if (video) {
        videos.add(track);
        videoInputs.add(input);
      }
      if (audio) {
        audios.add(track);
        audioInputs.add(input);
      }
      input++;
    }
    double seconds = total.toMillis() / 1000.0;
    List<String> graph = new ArrayList<>();
    if (hasVideo) {
      graph.add(videoGraph(videos, videoInputs, width, height, total.toMillis(), layout, changes));
    }
    if (hasAudio) {
      graph.add(audioGraph(audios, audioInputs, seconds));
    }
    cmd.add("-filter_complex");
    cmd.add(String.join(";", graph));
    if (hasVideo) {
      // Constrained baseline is the H.264 profile every decoder has; a key frame every 2 s keeps seeking quick.
      int bitrate = maxBitrate == null ? videoBitrate(width, height) : Math.min(videoBitrate(width, height), maxBitrate);
      cmd.addAll(List.of("-map", "[vout]", "-c:v", "libopenh264", "-profile:v", "constrained_baseline",
          "-b:v", Integer.toString(bitrate), "-g", Integer.toString(2 * FRAME_RATE), "-pix_fmt", "yuv420p"));
      if (maxBitrate != null) {
        cmd.addAll(List.of("-maxrate", Integer.toString(maxBitrate)));
      }
    }
    if (hasAudio) {
      cmd.addAll(List.of("-map", "[aout]", "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2"));
    }
    cmd.addAll(List.of("-t", seconds(seconds), "-movflags", "+faststart", "-f", "mp4", target.toString()));
    return cmd;
  }

  /** One track shown in one cell for part of the archive: a layout period, cut to the track's lifetime. */
  private record Segment(int video, CompositionLayout.Cell cell, long fromMillis, long toMillis) {
  }

  private static String videoGraph(List<RecordedTrack> videos, List<Integer> inputs, int width, int height,
      long totalMillis, ArchiveLayout layout, List<LayoutChange> changes) {
    StringBuilder g = new StringBuilder();
    g.append("color=c=black:s=").append(width).append('x').append(height).append(":r=").append(FRAME_RATE)
        .append(":d=").append(seconds(totalMillis / 1000.0)).append(",format=yuv420p[base0]");
    List<Segment> segments = new ArrayList<>();
    for (LayoutTimeline.Period period : LayoutTimeline.periods(videos, layout, changes, totalMillis)) {
      for (CompositionLayout.Cell cell : CompositionLayout.place(period.videos(), period.layout(), width, height)) {
        RecordedTrack t = videos.get(cell.video());
        long from = Math.max(t.startMillis(), period.fromMillis());
        long to = Math.min(t.stopMillis(), period.toMillis());
        if (to > from) {
          segments.add(new Segment(cell.video(), cell, from, to));
        }
      }
    }
    if (segments.isEmpty()) {
      return g.append(";[base0]null[vout]").toString();
    }
    // a track shown in several periods is decoded once and split, one branch per segment
    int[] branches = new int[videos.size()];
    segments.forEach(s -> branches[s.video()]++);
    for (int v = 0; v < videos.size(); v++) {
      if (branches[v] > 1) {
        g.append(";[").append(inputs.get(v)).append(":v:0]split=").append(branches[v]);
        for (int b = 0; b < branches[v]; b++) {
          g.append("[t").append(v).append('b').append(b).append(']');
        }
      }
    }
    int[] used = new int[videos.size()];
    for (int n = 0; n < segments.size(); n++) {
      Segment segment = segments.get(n);
      CompositionLayout.Cell cell = segment.cell();
      int v = segment.video();
      RecordedTrack t = videos.get(v);
      String source = branches[v] > 1 ? "t" + v + "b" + used[v]++ : inputs.get(v) + ":v:0";
      // The CLI already starts each file at 0 (keeping its audio/video sync); trim to the segment, then shift onto
      // the archive's timeline. A segment after a layout change starts a second early, so that the frame showing
      // at the change is there (a still screen share sends few). Scaling per frame copes with the resolution
      // changes WebRTC senders make.
      long trimStart = Math.max(0, segment.fromMillis() - t.startMillis() - SEGMENT_LEAD_MILLIS);
      g.append(";[").append(source).append(']')
          .append("trim=start=").append(seconds(trimStart / 1000.0))
          .append(":end=").append(seconds((segment.toMillis() - t.startMillis()) / 1000.0))
          .append(",setpts=PTS+").append(seconds(t.startMillis() / 1000.0)).append("/TB")
          .append(",scale=").append(cell.width()).append(':').append(cell.height());
      if (cell.cover()) {
        g.append(":force_original_aspect_ratio=increase,crop=").append(cell.width()).append(':').append(cell.height());
      } else {
        g.append(":force_original_aspect_ratio=decrease:force_divisible_by=2")
            .append(",pad=").append(cell.width()).append(':').append(cell.height()).append(":(ow-iw)/2:(oh-ih)/2:black");
      }
      g.append(",setsar=1[v").append(n).append(']');
      // eof_action=pass: once a stream ends its cell goes back to black instead of freezing on its last frame;
      // half-open windows, so that at a change exactly one layout shows.
      g.append(";[base").append(n).append("][v").append(n).append("]overlay=x=").append(cell.x())
          .append(":y=").append(cell.y()).append(":eof_action=pass:enable='gte(t,")
          .append(seconds(segment.fromMillis() / 1000.0)).append(")*lt(t,")
          .append(seconds(segment.toMillis() / 1000.0)).append(")'");
      g.append(n == segments.size() - 1 ? "[vout]" : "[base" + (n + 1) + "]");
    }
    return g.toString();
  }

  private static String audioGraph(List<RecordedTrack> audios, List<Integer> inputs, double seconds) {
    StringBuilder g = new StringBuilder();
    g.append("anullsrc=r=48000:cl=stereo,atrim=duration=").append(seconds(seconds)).append("[silence]");
    if (audios.isEmpty()) {
      return g.append(";[silence]anull[aout]").toString();
    }
    for (int i = 0; i < audios.size(); i++) {
      RecordedTrack t = audios.get(i);
      // async resampling turns gaps in the timestamps (DTX, lost packets) into silence, so that mixing sample by
      // sample keeps every voice at its time; then trim to the stream's lifetime and delay to its start.
      g.append(";[").append(inputs.get(i)).append(":a:0]aresample=48000:async=1:first_pts=0")
          .append(",aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo")
          .append(",atrim=end=").append(seconds(t.durationMillis() / 1000.0))
          .append(",adelay=delays=").append(t.startMillis()).append(":all=1[a").append(i).append(']');
    }
    g.append(";[silence]");
    for (int i = 0; i < audios.size(); i++) {
      g.append("[a").append(i).append(']');
    }
    return g.append("amix=inputs=").append(audios.size() + 1)
        .append(":duration=first:normalize=0:dropout_transition=0[aout]").toString();
  }

  /** About 0.1 bit per pixel per frame, the usual figure for talking heads at this frame rate. */
  static int videoBitrate(int width, int height) {
    return Math.max(250_000, width * height * FRAME_RATE / 10);
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f", s);
  }

  private static String logTail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .map(String::strip).filter(l -> !l.isEmpty()).toList();
      return lines.subList(Math.max(0, lines.size() - REASON_LINES), lines.size()).stream()
          .collect(Collectors.joining(" | "));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debugf("could not delete %s: %s", file, e.getMessage());
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }
}
