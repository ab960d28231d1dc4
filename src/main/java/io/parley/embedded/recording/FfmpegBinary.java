package io.parley.embedded.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Where the {@code ffmpeg} and {@code ffprobe} programs are.
 *
 * <p>By default they are the ones bundled in the {@code org.bytedeco:ffmpeg} natives jar: JavaCPP's {@code Loader}
 * extracts them (with the shared libraries they find through {@code $ORIGIN}) to its cache, {@code ~/.javacpp/cache},
 * once per version, and returns their paths. That takes about half a second the first time, so it is done once per JVM.
 * If the bundled programs cannot be had (another OS or architecture, a read-only home), Debian's {@code /usr/bin/ffmpeg}
 * is used when present.
 */
public final class FfmpegBinary {

  private static final Logger LOG = Logger.getLogger(FfmpegBinary.class);
  private static final Path SYSTEM_FFMPEG = Path.of("/usr/bin/ffmpeg");
  private static final Path SYSTEM_FFPROBE = Path.of("/usr/bin/ffprobe");
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path ffmpeg;
  private final Optional<Path> ffprobe;

  public FfmpegBinary(Path ffmpeg, Optional<Path> ffprobe) {
    this.ffmpeg = ffmpeg;
    this.ffprobe = ffprobe;
  }

  /** The bundled programs, else Debian's; located on first use and shared by the whole JVM. */
  public static FfmpegBinary locate() {
    return Located.INSTANCE;
  }

  /**
   * An explicit {@code ffmpeg} (a configured path), with the {@code ffprobe} beside it if there is one; without one,
   * {@link #locate()}.
   */
  public static FfmpegBinary locate(Optional<Path> override) {
    return override.map(p -> new FfmpegBinary(p, Optional.of(p.resolveSibling("ffprobe")).filter(Files::isExecutable)))
        .orElseGet(FfmpegBinary::locate);
  }

  public Path ffmpeg() {
    return ffmpeg;
  }

  public Optional<Path> ffprobe() {
    return ffprobe;
  }

  /** Runs ffprobe on a file; it reads headers and an index, so it is cheap even for long files. */
  public MediaProbe probe(Path file) throws IOException {
    Path probe = ffprobe.orElseThrow(() -> new IOException("no ffprobe next to " + ffmpeg));
    Process process = new ProcessBuilder(probe.toString(), "-v", "error", "-of", "json",
        "-show_entries", "format=duration:stream=codec_type,codec_name,width,height", file.toString())
        .redirectErrorStream(true)
        .start();
    process.getOutputStream().close();
    String out;
    try (InputStream in = process.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!process.waitFor(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("ffprobe failed on " + file.getFileName() + ": " + out.strip());
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while probing " + file.getFileName(), e);
    }
    return parse(JSON.readTree(out));
  }

  private static MediaProbe parse(JsonNode root) {
    List<MediaProbe.Stream> streams = new ArrayList<>();
    for (JsonNode s : root.path("streams")) {
      streams.add(new MediaProbe.Stream(s.path("codec_type").asText(""), s.path("codec_name").asText(""),
          s.path("width").asInt(0), s.path("height").asInt(0)));
    }
    double seconds = root.path("format").path("duration").asDouble(0);
    return new MediaProbe(Duration.ofMillis(Math.round(seconds * 1000)), streams);
  }

  // Holder idiom: the JavaCPP extraction happens on first use, not when the class is loaded, and exactly once.
  private static final class Located {
    static final FfmpegBinary INSTANCE = find();

    private static FfmpegBinary find() {
      try {
        Path ffmpeg = Path.of(org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
        Path ffprobe = Path.of(org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
        LOG.debugf("bundled ffmpeg at %s", ffmpeg);
        return new FfmpegBinary(ffmpeg, Optional.of(ffprobe));
      } catch (RuntimeException | LinkageError e) {
        LOG.warnf("bundled ffmpeg unavailable (%s); using %s", e, SYSTEM_FFMPEG);
        return new FfmpegBinary(SYSTEM_FFMPEG, Optional.of(SYSTEM_FFPROBE).filter(Files::isExecutable));
      }
    }
  }
}
