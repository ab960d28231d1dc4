package io.parley.embedded.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Where the {@code ffmpeg} and {@code ffprobe} programs are.
 *
 * <p>By default they are the ones bundled in the {@code org.bytedeco:ffmpeg} natives jar: JavaCPP's {@code Loader}
 * extracts them, with the shared libraries they need, to its cache, {@code ~/.javacpp/cache}, once per version, and
 * returns their paths. That takes about half a second the first time, so it is done once per JVM. If the bundled
 * programs cannot be had (another OS or architecture, a read-only home), Debian's {@code /usr/bin/ffmpeg} is used when
 * present.
 *
 * <p>Always start them through {@link #processBuilder}: only the programs carry a {@code $ORIGIN} RUNPATH, the bundled
 * {@code libavutil} and {@code libavcodec} do not, so their own dependencies ({@code libva.so.2}, {@code libdrm.so.2})
 * would be looked up in the host's directories and the program would exit with 127 on a host without them (a slim
 * container, a fresh machine). The child process therefore gets the bundle's directory first on
 * {@code LD_LIBRARY_PATH}; the JVM's own environment is left alone.
 */
public final class FfmpegBinary {

  private static final Logger LOG = Logger.getLogger(FfmpegBinary.class);
  private static final Path SYSTEM_FFMPEG = Path.of("/usr/bin/ffmpeg");
  private static final Path SYSTEM_FFPROBE = Path.of("/usr/bin/ffprobe");
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String LIBRARY_PATH = "LD_LIBRARY_PATH";

  private final Path ffmpeg;
  private final Optional<Path> ffprobe;
  private final Optional<Path> libraries;

  /** Programs that find their libraries by themselves (a system install, a configured path). */
  public FfmpegBinary(Path ffmpeg, Optional<Path> ffprobe) {
    this(ffmpeg, ffprobe, Optional.empty());
  }

  /** Programs whose shared libraries are in {@code libraries}, which the child process searches before the host's. */
  FfmpegBinary(Path ffmpeg, Optional<Path> ffprobe, Optional<Path> libraries) {
    this.ffmpeg = ffmpeg;
    this.ffprobe = ffprobe;
    this.libraries = libraries;
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

  /** The bundle's library directory, searched first by every process {@link #processBuilder} makes. */
  public Optional<Path> libraries() {
    return libraries;
  }

  /**
   * A process builder for {@code command} (ffmpeg, ffprobe, or a tool that inspects them such as {@code ldd}) with the
   * environment the bundled programs need.
   */
  public ProcessBuilder processBuilder(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command);
    libraries.ifPresent(dir -> {
      Map<String, String> environment = builder.environment();
      String inherited = environment.get(LIBRARY_PATH);
      environment.put(LIBRARY_PATH,
          inherited == null || inherited.isBlank() ? dir.toString() : dir + File.pathSeparator + inherited);
    });
    return builder;
  }

  /** Runs ffprobe on a file; it reads headers and an index, so it is cheap even for long files. */
  public MediaProbe probe(Path file) throws IOException {
    Path probe = ffprobe.orElseThrow(() -> new IOException("no ffprobe next to " + ffmpeg));
    Process process = processBuilder(List.of(probe.toString(), "-v", "error", "-of", "json",
        "-show_entries", "format=duration:stream=codec_type,codec_name,width,height", file.toString()))
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

    /**
     * Extracts the bundle's platform directory (programs and libraries) without loading anything into the JVM.
     * {@code Loader.load(ffmpeg.class)} would also {@code System.load} every JNI wrapper of the preset, whose
     * {@code libavdevice} needs X11 and PulseAudio client libraries: on a host without them the bundled programs would
     * be declared unavailable although they would run, and on any host 60 MB of libraries Parley never calls would be
     * mapped into the JVM.
     */
    private static FfmpegBinary find() {
      try {
        File dir = org.bytedeco.javacpp.Loader.cacheResource(org.bytedeco.ffmpeg.ffmpeg.class,
            org.bytedeco.javacpp.Loader.getPlatform());
        if (dir == null || !dir.isDirectory()) {
          throw new IOException("no bundled ffmpeg for " + org.bytedeco.javacpp.Loader.getPlatform());
        }
        Path libraries = dir.toPath();
        Path ffmpeg = executable(libraries.resolve("ffmpeg"));
        Path ffprobe = executable(libraries.resolve("ffprobe"));
        LOG.debugf("bundled ffmpeg at %s", ffmpeg);
        return new FfmpegBinary(ffmpeg, Optional.of(ffprobe), Optional.of(libraries));
      } catch (IOException | RuntimeException | LinkageError e) {
        LOG.warnf("bundled ffmpeg unavailable (%s); using %s", e, SYSTEM_FFMPEG);
        return new FfmpegBinary(SYSTEM_FFMPEG, Optional.of(SYSTEM_FFPROBE).filter(Files::isExecutable));
      }
    }

    /** JavaCPP extracts files as plain files; the programs need their execute bit. */
    private static Path executable(Path program) throws IOException {
      if (!Files.isRegularFile(program)) {
        throw new IOException(program.getFileName() + " is missing from the bundle");
      }
      if (!Files.isExecutable(program) && !program.toFile().setExecutable(true, true)) {
        throw new IOException("cannot make " + program + " executable");
      }
      return program;
    }
  }
}
