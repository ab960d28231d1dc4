package io.parley.embedded.recording;

/**
 * One stream of an archive as {@code tracks.json} keeps it: enough to make the output after a stop or a crash.
 * Offsets are milliseconds from the archive's start; {@code stopOffset} is -1 while the stream is still recorded.
 */
public record RecordedStream(String streamId, String connectionData, String file, long startOffset, long stopOffset,
                             boolean hasAudio, boolean hasVideo) {

    RecordedStream stoppedAt(long offset) {
        return new RecordedStream(streamId, connectionData, file, startOffset, offset, hasAudio, hasVideo);
    }
}
