package io.parley.video;

import java.util.Objects;

/**
 * What a new archive should record. {@code resolution} ("640x480", "1280x720", ...) applies to composed output and
 * may be null for the platform's default.
 */
public record ArchiveSpec(String name, OutputMode outputMode, boolean hasAudio, boolean hasVideo, String resolution) {
    public ArchiveSpec {
        Objects.requireNonNull(outputMode, "outputMode");
        if (!hasAudio && !hasVideo) {
            throw new InvalidRequestException("hasAudio", "an archive needs audio, video or both");
        }
    }
}
