package io.parley.embedded.recording;

import java.util.List;

/**
 * One stream of an archive as {@code tracks.json} keeps it: enough to make the output after a stop or a crash.
 * Offsets are milliseconds from the archive's start; {@code stopOffset} is -1 while the stream is still recorded.
 * {@code screen} and {@code layoutClasses} are what layouts place it by (absent in files older than layouts).
 */
public record RecordedStream(String streamId, String connectionData, String file, long startOffset, long stopOffset,
                             boolean hasAudio, boolean hasVideo, boolean screen, List<String> layoutClasses) {

    public RecordedStream {
        layoutClasses = layoutClasses == null ? List.of() : List.copyOf(layoutClasses);
    }

    public RecordedStream(String streamId, String connectionData, String file, long startOffset, long stopOffset,
                          boolean hasAudio, boolean hasVideo) {
        this(streamId, connectionData, file, startOffset, stopOffset, hasAudio, hasVideo, false, List.of());
    }

    RecordedStream stoppedAt(long offset) {
        return new RecordedStream(streamId, connectionData, file, startOffset, offset, hasAudio, hasVideo, screen,
                layoutClasses);
    }
}
