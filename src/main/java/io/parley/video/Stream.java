package io.parley.video;

/** Media published by a connection. */
public record Stream(String id, String connectionId, String name, VideoType videoType, boolean hasAudio,
                     boolean hasVideo) {
}
