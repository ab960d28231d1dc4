package io.parley.callbacks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.parley.video.Archive;
import io.parley.video.ArchiveChanged;

import java.util.Locale;

/**
 * Vonage's archive callback JSON, so that a receiver written for Vonage works with either platform unchanged:
 * lower-case status and output mode, times in epoch milliseconds, {@code duration} in seconds, {@code size} in bytes.
 * {@code projectId} and {@code partnerId} (the names Vonage and OpenTok use) both carry Parley's application id.
 * {@code url} is always null: media URLs are short-lived and reach clients only through the playback route.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "event", "status", "name", "sessionId", "projectId", "partnerId", "createdAt", "updatedAt",
        "duration", "size", "reason", "outputMode", "hasAudio", "hasVideo", "resolution", "url"})
public record ArchiveCallbackPayload(String id, String event, String status, String name, String sessionId,
                                     String projectId, String partnerId, Long createdAt, long updatedAt,
                                     long duration, long size, String reason, String outputMode, boolean hasAudio,
                                     boolean hasVideo, String resolution, String url) {

    public static ArchiveCallbackPayload of(ArchiveChanged change, String applicationId) {
        Archive a = change.archive();
        return new ArchiveCallbackPayload(a.id(), "archive", lower(a.status()), a.name(), a.sessionId(),
                applicationId, applicationId, a.createdAt() == null ? null : a.createdAt().toEpochMilli(),
                change.changedAt().toEpochMilli(), a.duration(), a.size(), a.reason(), lower(a.outputMode()),
                a.hasAudio(), a.hasVideo(), a.resolution(), null);
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
