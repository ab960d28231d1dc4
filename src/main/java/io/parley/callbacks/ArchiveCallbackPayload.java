package io.parley.callbacks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.parley.video.Archive;
import io.parley.video.ArchiveChanged;
import io.parley.video.ArchiveLayout;

import java.util.Locale;
import java.util.UUID;

/**
 * Vonage's archive callback JSON, so that a receiver written for Vonage works with either platform unchanged:
 * lower-case status and output mode, times in epoch milliseconds, {@code duration} in seconds, {@code size} in bytes.
 * {@code projectId} and {@code partnerId} (the names Vonage and OpenTok use) both carry Parley's application id.
 * {@code url} is always null: media URLs are short-lived and reach clients only through the playback route.
 * {@code streamMode}, {@code multiArchiveTag} and {@code maxBitrate} are Vonage's fields for the archive's options
 * (the last two null when not set); {@code layout} ({@code {type, stylesheet, screenshareType}}, null where the
 * platform does not report it) and {@code eventId} (the same on every attempt at one delivery, so that a receiver can
 * de-duplicate; also in the {@code X-Parley-Event-Id} header) are Parley's additions, which receivers written for
 * Vonage ignore.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "eventId", "event", "status", "name", "sessionId", "projectId", "partnerId", "createdAt", "updatedAt",
        "duration", "size", "reason", "outputMode", "hasAudio", "hasVideo", "resolution", "streamMode",
        "multiArchiveTag", "maxBitrate", "layout", "url"})
public record ArchiveCallbackPayload(String id, String eventId, String event, String status, String name, String sessionId,
                                     String projectId, String partnerId, Long createdAt, long updatedAt,
                                     long duration, long size, String reason, String outputMode, boolean hasAudio,
                                     boolean hasVideo, String resolution, String streamMode,
                                     String multiArchiveTag, Integer maxBitrate, Layout layout, String url) {

    /** The archive's layout as Vonage spells it. */
    public record Layout(String type, String stylesheet, String screenshareType) {
        static Layout of(ArchiveLayout layout) {
            return layout == null ? null : new Layout(layout.type().wire(), layout.stylesheet(),
                    layout.screenshareType() == null ? null : layout.screenshareType().wire());
        }
    }

    public static ArchiveCallbackPayload of(ArchiveChanged change, UUID eventId, String applicationId) {
        Archive a = change.archive();
        return new ArchiveCallbackPayload(a.id(), eventId.toString(), "archive", lower(a.status()), a.name(), a.sessionId(),
                applicationId, applicationId, a.createdAt() == null ? null : a.createdAt().toEpochMilli(),
                change.changedAt().toEpochMilli(), a.duration(), a.size(), a.reason(), lower(a.outputMode()),
                a.hasAudio(), a.hasVideo(), a.resolution(), lower(a.options().streamMode()),
                a.options().multiArchiveTag(), a.options().maxBitrate(), Layout.of(a.options().layout()), null);
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
