package io.parley.embedded.recording;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One recorded stream as the composer sees it: the recorder's WebM file, whose timestamps start at the stream's own
 * start, and where that stream sits on the archive's timeline.
 *
 * @param file          the stream's WebM file (VP8 video and/or Opus audio)
 * @param startMillis   when the stream started, in ms from the archive's start
 * @param stopMillis    when the stream stopped, in ms from the archive's start
 * @param hasVideo      whether the file holds a video track to lay out
 * @param hasAudio      whether the file holds an audio track to mix
 * @param label         the stream's id: it names the track in logs and failure reasons, and layout changes refer
 *                      to it
 * @param screen        whether it is a screen share (presentation and screenshare layouts make it large)
 * @param layoutClasses its layout classes ({@code focus} makes it the large one in presentation layouts)
 */
public record RecordedTrack(Path file, long startMillis, long stopMillis, boolean hasVideo, boolean hasAudio,
    String label, boolean screen, List<String> layoutClasses) {

  public RecordedTrack {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(label, "label");
    layoutClasses = layoutClasses == null ? List.of() : List.copyOf(layoutClasses);
    if (startMillis < 0 || stopMillis < startMillis) {
      throw new IllegalArgumentException(
          "track " + label + ": offsets must satisfy 0 <= start <= stop, got " + startMillis + ".." + stopMillis);
    }
  }

  /** A camera without layout classes. */
  public RecordedTrack(Path file, long startMillis, long stopMillis, boolean hasVideo, boolean hasAudio,
      String label) {
    this(file, startMillis, stopMillis, hasVideo, hasAudio, label, false, List.of());
  }

  /** The same track with other layout classes, as a layout change gives it. */
  RecordedTrack withLayoutClasses(List<String> classes) {
    return new RecordedTrack(file, startMillis, stopMillis, hasVideo, hasAudio, label, screen, classes);
  }

  long durationMillis() {
    return stopMillis - startMillis;
  }

  boolean focus() {
    return layoutClasses.contains("focus");
  }
}
