package io.parley.embedded.recording;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One stream of an INDIVIDUAL archive: the recorder's WebM file and what the manifest says about it.
 *
 * @param streamId         the stream's id
 * @param connectionData   the publishing connection's data from its token (may be empty)
 * @param file             the stream's WebM file; stored in the zip under its own file name
 * @param startTimeOffset  ms from the archive's start to the stream's start
 * @param stopTimeOffset   ms from the archive's start to the stream's stop
 */
public record IndividualStreamFile(String streamId, String connectionData, Path file, long startTimeOffset,
    long stopTimeOffset) {

  public IndividualStreamFile {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(file, "file");
    connectionData = connectionData == null ? "" : connectionData;
    if (startTimeOffset < 0 || stopTimeOffset < startTimeOffset) {
      throw new IllegalArgumentException("stream " + streamId + ": offsets must satisfy 0 <= start <= stop");
    }
  }
}
