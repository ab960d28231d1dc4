package io.parley.embedded.signaling;

import io.parley.video.Stream;
import io.parley.video.VideoType;

import java.time.Instant;
import java.util.List;

/** A stream in a live session, with the mute state its owner (or a moderator) last announced. */
final class PublishedStream {

    private final String streamId;
    private final String connectionId;
    private final String name;
    private final boolean hasAudio;
    private final boolean hasVideo;
    private final VideoType videoType;
    private final Instant createdAt;
    private boolean audioMuted;
    private boolean videoMuted;
    private List<String> layoutClasses = List.of();

    PublishedStream(String streamId, String connectionId, String name, boolean hasAudio, boolean hasVideo,
                    VideoType videoType, Instant createdAt) {
        this.streamId = streamId;
        this.connectionId = connectionId;
        this.name = name;
        this.hasAudio = hasAudio;
        this.hasVideo = hasVideo;
        this.videoType = videoType;
        this.createdAt = createdAt;
    }

    String streamId() {
        return streamId;
    }

    String connectionId() {
        return connectionId;
    }

    String name() {
        return name;
    }

    boolean hasAudio() {
        return hasAudio;
    }

    boolean hasVideo() {
        return hasVideo;
    }

    VideoType videoType() {
        return videoType;
    }

    Instant createdAt() {
        return createdAt;
    }

    boolean audioMuted() {
        return audioMuted;
    }

    boolean videoMuted() {
        return videoMuted;
    }

    void audioMuted(boolean muted) {
        this.audioMuted = muted;
    }

    void videoMuted(boolean muted) {
        this.videoMuted = muted;
    }

    List<String> layoutClasses() {
        return layoutClasses;
    }

    void layoutClasses(List<String> classes) {
        this.layoutClasses = List.copyOf(classes);
    }

    Stream toStream() {
        return new Stream(streamId, connectionId, name, videoType, hasAudio, hasVideo, layoutClasses);
    }
}
