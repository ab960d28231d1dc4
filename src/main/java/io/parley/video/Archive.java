package io.parley.video;

import java.time.Instant;

/**
 * An archive and its state. {@code duration} is in seconds and {@code size} in bytes, both 0 until known;
 * {@code reason} explains a stop, a failure or a recovery; {@code url} is the platform's own media URL, if any,
 * and is never handed to clients directly (the playback route is); {@code options} are what it was started with
 * (its layout is null where the platform does not report it).
 */
public record Archive(String id, String sessionId, String name, ArchiveStatus status, OutputMode outputMode,
                      boolean hasAudio, boolean hasVideo, String resolution, Instant createdAt, long duration,
                      long size, String reason, String url, ArchiveOptions options) {

    public Archive {
        options = options == null ? ArchiveOptions.DEFAULT : options;
    }

    public Archive(String id, String sessionId, String name, ArchiveStatus status, OutputMode outputMode,
                   boolean hasAudio, boolean hasVideo, String resolution, Instant createdAt, long duration,
                   long size, String reason, String url) {
        this(id, sessionId, name, status, outputMode, hasAudio, hasVideo, resolution, createdAt, duration, size,
                reason, url, ArchiveOptions.DEFAULT);
    }

    public Archive withStatus(ArchiveStatus newStatus, String newReason) {
        return new Archive(id, sessionId, name, newStatus, outputMode, hasAudio, hasVideo, resolution, createdAt,
                duration, size, newReason, url, options);
    }

    public Archive withOptions(ArchiveOptions newOptions) {
        return new Archive(id, sessionId, name, status, outputMode, hasAudio, hasVideo, resolution, createdAt,
                duration, size, reason, url, newOptions);
    }
}
