package io.parley.video;

import java.util.List;
import java.util.Objects;

/**
 * What a new archive should record. {@code resolution} is one of Vonage's six sizes and applies to composed output;
 * null takes the platform's default. A layout needs composed output, as on Vonage.
 */
public record ArchiveSpec(String name, OutputMode outputMode, boolean hasAudio, boolean hasVideo, String resolution,
                          ArchiveOptions options) {

    /** Vonage's archive sizes, landscape and portrait. */
    public static final List<String> RESOLUTIONS = List.of("640x480", "480x640", "1280x720", "720x1280",
            "1920x1080", "1080x1920");

    public ArchiveSpec {
        Objects.requireNonNull(outputMode, "outputMode");
        options = options == null ? ArchiveOptions.DEFAULT : options;
        if (!hasAudio && !hasVideo) {
            throw new InvalidRequestException("hasAudio", "an archive needs audio, video or both");
        }
        if (resolution != null && !RESOLUTIONS.contains(resolution)) {
            throw new InvalidRequestException("resolution", "must be one of " + String.join(", ", RESOLUTIONS));
        }
        if (options.layout() != null && outputMode != OutputMode.COMPOSED) {
            throw new InvalidRequestException("layout", "a layout needs outputMode COMPOSED");
        }
    }

    public ArchiveSpec(String name, OutputMode outputMode, boolean hasAudio, boolean hasVideo, String resolution) {
        this(name, outputMode, hasAudio, hasVideo, resolution, ArchiveOptions.DEFAULT);
    }
}
