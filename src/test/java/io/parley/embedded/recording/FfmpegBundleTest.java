package io.parley.embedded.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundled programs never depend on what the host happens to have installed: the dynamic loader, run with exactly
 * the environment the composer gives ffmpeg ({@link FfmpegBinary#processBuilder}), resolves every shared library, and
 * each one the bundle ships resolves from the bundle's own directory, not from the system's.
 *
 * <p>Without the bundle directory on the child's {@code LD_LIBRARY_PATH}, {@code libavutil} looks for
 * {@code libva.so.2} in the system's directories only (it has no RUNPATH of its own), and this test names it as
 * {@code not found} on a host without Debian's {@code libva2}, or as resolved from {@code /usr/lib} on one with it.
 */
class FfmpegBundleTest {

  private static final Pattern LDD_LINE = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+(.*?)(?:\\s+\\(0x[0-9a-f]+\\))?$");

  /** glibc, the C++ runtime and the loader: on every Linux a JRE runs on. */
  private static final Set<String> BASE_SYSTEM = Set.of("libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0",
      "librt.so.1", "libstdc++.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2");

  static FfmpegBinary bundled;

  @BeforeAll
  static void locate() {
    bundled = FfmpegBinary.locate();
    // the bundle exists for linux-x86_64 only; elsewhere the system's ffmpeg is used and this has nothing to check
    assumeTrue(bundled.libraries().isPresent(), "no bundled ffmpeg on this platform");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ffmpeg", "ffprobe"})
  void everySharedLibraryResolvesAndTheBundledOnesFromTheBundle(String program) throws Exception {
    Path dir = bundled.libraries().orElseThrow();
    Path executable = program.equals("ffmpeg") ? bundled.ffmpeg() : bundled.ffprobe().orElseThrow();
    Map<String, String> resolved = ldd(executable);

    assertThat(resolved).as("libraries of %s", program).isNotEmpty();
    assertThat(resolved).as("unresolved libraries of %s", program).doesNotContainValue("not found");
    try (Stream<Path> files = Files.list(dir)) {
      List<String> shipped = files.map(f -> f.getFileName().toString()).filter(n -> n.contains(".so")).toList();
      assertThat(shipped).as("the bundle ships the VA-API libraries").contains("libva.so.2", "libdrm.so.2");
      resolved.forEach((library, path) -> {
        if (shipped.contains(library)) {
          assertThat(Path.of(path).getParent()).as("%s of %s", library, program).isEqualTo(dir);
        }
      });
    }
    assertThat(resolved).as("what ffmpeg's own libraries need").containsKeys("libva.so.2", "libavcodec.so.62");
  }

  /**
   * What the bundle needs from the system beyond the C and C++ runtimes is declared in docker/runtime-packages, which
   * the container and the minimal-OS smoke test install. A new FFmpeg build that links one more system library fails
   * here, naming it, instead of in a container.
   */
  @Test
  void whatTheBundleNeedsFromTheSystemIsDeclared() throws Exception {
    Path dir = bundled.libraries().orElseThrow();
    Set<String> declared = new TreeSet<>(BASE_SYSTEM);
    Pattern line = Pattern.compile("^\\s*\\S+\\s+#\\s*(\\S+\\.so\\.\\S+)\\s*$");
    for (String entry : Files.readAllLines(Path.of("docker/runtime-packages"))) {
      Matcher m = line.matcher(entry);
      if (m.matches()) {
        declared.add(m.group(1));
      }
    }
    Set<String> shipped = new TreeSet<>();
    List<Path> elves;
    try (Stream<Path> files = Files.list(dir)) {
      elves = files.filter(f -> {
        String name = f.getFileName().toString();
        // the JNI wrappers are for in-process use, which Parley does not make
        return name.equals("ffmpeg") || name.equals("ffprobe") || name.matches("lib(?!jni).*\\.so\\.\\d+");
      }).toList();
    }
    elves.forEach(f -> shipped.add(f.getFileName().toString()));
    Set<String> fromTheSystem = new TreeSet<>();
    for (Path elf : elves) {
      for (String needed : needed(elf)) {
        if (!shipped.contains(needed)) {
          fromTheSystem.add(needed);
        }
      }
    }
    assertThat(fromTheSystem).as("system libraries the bundle links; declare new ones in docker/runtime-packages")
        .isSubsetOf(declared);
    assertThat(fromTheSystem).as("the bundle's own VA-API libraries are never taken from the system")
        .doesNotContain("libva.so.2", "libva-drm.so.2", "libdrm.so.2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ffmpeg", "ffprobe"})
  void theProgramsRun(String program) throws Exception {
    Path executable = program.equals("ffmpeg") ? bundled.ffmpeg() : bundled.ffprobe().orElseThrow();
    Process process = bundled.processBuilder(List.of(executable.toString(), "-hide_banner", "-version"))
        .redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    assertThat(out).startsWith(program + " version");
  }

  @Test
  void theBundleComesFirstAndTheInheritedPathIsKept() {
    FfmpegBinary binary = new FfmpegBinary(Path.of("/b/ffmpeg"), Optional.empty(), Optional.of(Path.of("/b")));
    String inherited = System.getenv(FfmpegBinary.LIBRARY_PATH);

    String path = binary.processBuilder(List.of("true")).environment().get(FfmpegBinary.LIBRARY_PATH);

    assertThat(path).isEqualTo(inherited == null || inherited.isBlank() ? "/b" : "/b:" + inherited);
    assertThat(new FfmpegBinary(Path.of("/usr/bin/ffmpeg"), Optional.empty()).processBuilder(List.of("true"))
        .environment().get(FfmpegBinary.LIBRARY_PATH)).as("a system ffmpeg is left alone").isEqualTo(inherited);
  }

  /** The DT_NEEDED entries of an ELF file, from binutils' readelf (on every machine with a C compiler). */
  private static List<String> needed(Path elf) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("readelf", "-d", elf.toString()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("readelf -d %s: %s", elf, out).isZero();
    Matcher m = Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[([^\\]]+)]").matcher(out);
    List<String> needed = new java.util.ArrayList<>();
    while (m.find()) {
      needed.add(m.group(1));
    }
    return needed;
  }

  /** Library name to what the loader resolved it to ("not found" when it could not). */
  private static Map<String, String> ldd(Path executable) throws IOException, InterruptedException {
    Process process = bundled.processBuilder(List.of("ldd", executable.toString())).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Map<String, String> libraries = new LinkedHashMap<>();
    for (String line : out.lines().toList()) {
      Matcher m = LDD_LINE.matcher(line);
      if (m.matches()) {
        libraries.put(m.group(1), m.group(2).trim());
      }
    }
    return libraries;
  }
}
