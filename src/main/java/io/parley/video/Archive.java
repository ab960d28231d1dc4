package io.parley.video;

import java.time.Instant;

/**
 * An archive and its state. {@code duration} is in seconds and {@code size} in bytes, both 0 until known;
 * {@code reason} explains a stop, a failure or a recovery; {@code url} is the platform's own media URL, if any,
 * and is never handed to clients directly (the playback route is).
 */
public record Archive(String id, String sessionId, String name, ArchiveStatus status, OutputMode outputMode,
                      boolean hasAudio, boolean hasVideo, String resolution, Instant createdAt, long duration,
                      long size, String reason, String url) {

    public Archive withStatus(ArchiveStatus newStatus, String newReason) {
        return new Archive(id, sessionId, name, newStatus, outputMode, hasAudio, hasVideo, resolution, createdAt,
                duration, size, newReason, url);
    }
}
