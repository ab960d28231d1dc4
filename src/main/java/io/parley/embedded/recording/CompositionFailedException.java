package io.parley.embedded.recording;

/**
 * FFmpeg could not compose an archive. The message is meant to become the archive's {@code FAILED} reason: it names
 * what went wrong in FFmpeg's own words (the last lines of its log), never a stack trace.
 */
public class CompositionFailedException extends Exception {

  public CompositionFailedException(String reason) {
    super(reason);
  }

  public CompositionFailedException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
