package io.parley.video;

import java.util.List;

/**
 * Media published by a connection. {@code connectionId} is null where the platform does not say (Vonage's stream
 * listing); {@code layoutClasses} are the stream's layout classes ({@code focus}, {@code full}...) that composed
 * archives lay streams out by.
 */
public record Stream(String id, String connectionId, String name, VideoType videoType, boolean hasAudio,
                     boolean hasVideo, List<String> layoutClasses) {
    public Stream {
        layoutClasses = layoutClasses == null ? List.of() : List.copyOf(layoutClasses);
    }
}
