package io.parley.embedded.recording;

import java.nio.file.Path;
import java.util.List;

/** Reads back a composed file's pixels: which stream a block of the picture shows, by its brightness or colour. */
public final class LumaProbe {

  private LumaProbe() {
  }

  /** Mean luma of the {@code w x h} block at (x, y) of the frame at {@code second}, from ffmpeg's signalstats. */
  public static double meanLuma(FfmpegBinary ffmpeg, Path file, double second, int x, int y, int w, int h)
      throws Exception {
    return mean(ffmpeg, file, second, x, y, w, h, "YAVG");
  }

  /** Mean red-difference chroma (V, 128 for greys, far below for greens) of the block, likewise. */
  public static double meanRedChroma(FfmpegBinary ffmpeg, Path file, double second, int x, int y, int w, int h)
      throws Exception {
    return mean(ffmpeg, file, second, x, y, w, h, "VAVG");
  }

  private static double mean(FfmpegBinary ffmpeg, Path file, double second, int x, int y, int w, int h,
      String statistic) throws Exception {
    List<String> cmd = List.of(ffmpeg.ffmpeg().toString(), "-nostdin", "-v", "error", "-ss",
        Double.toString(second), "-i", file.toString(), "-frames:v", "1",
        "-vf", "crop=" + w + ":" + h + ":" + x + ":" + y
            + ",signalstats,metadata=print:key=lavfi.signalstats." + statistic + ":file=-",
        "-f", "null", "-");
    String out = SignalSeries.run(ffmpeg, cmd);
    String line = out.lines().filter(l -> l.startsWith("lavfi.signalstats." + statistic + "=")).findFirst().orElseThrow(
        () -> new AssertionError("no luma in: " + out));
    return Double.parseDouble(line.substring(line.indexOf('=') + 1));
  }
}
