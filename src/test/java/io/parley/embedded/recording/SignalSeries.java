package io.parley.embedded.recording;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A file's picture brightness and sound level over time, as ffmpeg measures them (signalstats, astats) on every
 * decoded frame: what a test reads an archive's flashes and beeps from.
 */
public final class SignalSeries {

  private SignalSeries() {
  }

  /** Each video frame's presentation time (ms) and mean luma (0 to 255). */
  public static List<double[]> luma(FfmpegBinary ffmpeg, Path file, Path work) throws Exception {
    Path out = output(work.resolve("luma.txt"));
    return measure(ffmpeg, file, out, List.of("-map", "0:v:0",
        "-vf", "signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=" + out), "lavfi.signalstats.YAVG");
  }

  /** The sound's RMS level (dBFS) in 10 ms windows, each with its start time (ms). */
  public static List<double[]> loudness(FfmpegBinary ffmpeg, Path file, Path work) throws Exception {
    Path out = output(work.resolve("loudness.txt"));
    return measure(ffmpeg, file, out, List.of("-map", "0:a:0",
        "-af", "aresample=48000,asetnsamples=n=480:p=0,astats=metadata=1:reset=1,"
            + "ametadata=print:key=lavfi.astats.Overall.RMS_level:file=" + out), "lavfi.astats.Overall.RMS_level");
  }

  /** Runs ffmpeg to the end; its output (errors only, or what a filter prints to stdout) is returned. */
  static String run(FfmpegBinary ffmpeg, List<String> cmd) throws Exception {
    Process p = ffmpeg.processBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new AssertionError("ffmpeg failed: " + cmd + "\n" + out);
    }
    return out;
  }

  /** The filters' metadata goes to a file named in a filter argument, where ':' and ',' would need escaping. */
  private static Path output(Path out) {
    if (out.toString().contains(":") || out.toString().contains(",")) {
      throw new IllegalArgumentException("a filter argument cannot hold " + out);
    }
    return out;
  }

  private static List<double[]> measure(FfmpegBinary ffmpeg, Path file, Path out, List<String> selection, String key)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of(ffmpeg.ffmpeg().toString(), "-nostdin", "-v", "error", "-i",
        file.toString()));
    cmd.addAll(selection);
    cmd.addAll(List.of("-f", "null", "-"));
    run(ffmpeg, cmd);
    // "frame:N pts:P pts_time:T" then "key=value" for each frame the filter saw
    List<double[]> series = new ArrayList<>();
    double time = Double.NaN;
    for (String line : Files.readAllLines(out)) {
      int at = line.indexOf("pts_time:");
      if (at >= 0) {
        time = Double.parseDouble(line.substring(at + "pts_time:".length()).trim()) * 1000;
      } else if (line.startsWith(key + "=") && !Double.isNaN(time)) {
        String value = line.substring(key.length() + 1).trim();
        series.add(new double[] {time, value.endsWith("inf") ? -200 : Double.parseDouble(value)});
      }
    }
    return series;
  }
}
