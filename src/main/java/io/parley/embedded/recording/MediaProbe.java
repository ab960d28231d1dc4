package io.parley.embedded.recording;

import java.time.Duration;
import java.util.List;

/**
 * What ffprobe says about a media file: enough to record an archive's duration and to check a composed file.
 *
 * @param duration the container's duration
 * @param streams  its streams, in file order
 */
public record MediaProbe(Duration duration, List<Stream> streams) {

  public MediaProbe {
    streams = List.copyOf(streams);
  }

  /**
   * @param codecType "video" or "audio" (ffprobe's words)
   * @param codecName e.g. "h264", "aac"
   * @param width     pixels, 0 for audio
   * @param height    pixels, 0 for audio
   */
  public record Stream(String codecType, String codecName, int width, int height) {
  }

  public List<Stream> streams(String codecType) {
    return streams.stream().filter(s -> s.codecType().equals(codecType)).toList();
  }
}
