package io.parley.callbacks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.parley.video.Broadcast;
import io.parley.video.BroadcastChanged;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Vonage's broadcast callback JSON ({@code event: "broadcast"}), so that a receiver written for Vonage works with
 * either platform: lower-case status, times in epoch milliseconds, the broadcast's options and its
 * {@code broadcastUrls} (the HLS playlist, each RTMP destination's id, server URL and status; never a stream name,
 * which is the streaming service's key). {@code eventId} is Parley's, as in {@link ArchiveCallbackPayload}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "eventId", "event", "status", "sessionId", "projectId", "partnerId", "createdAt",
        "updatedAt", "resolution", "streamMode", "multiBroadcastTag", "maxDuration", "maxBitrate", "layout",
        "broadcastUrls"})
public record BroadcastCallbackPayload(String id, String eventId, String event, String status, String sessionId,
                                       String projectId, String partnerId, Long createdAt, long updatedAt,
                                       String resolution, String streamMode, String multiBroadcastTag,
                                       Integer maxDuration, Integer maxBitrate, ArchiveCallbackPayload.Layout layout,
                                       Urls broadcastUrls) {

    public record Urls(String hls, List<Rtmp> rtmp) {
    }

    public record Rtmp(String id, String serverUrl, String status) {
    }

    public static BroadcastCallbackPayload of(BroadcastChanged change, UUID eventId, String applicationId) {
        Broadcast b = change.broadcast();
        return new BroadcastCallbackPayload(b.id(), eventId.toString(), "broadcast",
                b.status().name().toLowerCase(Locale.ROOT), b.sessionId(), applicationId, applicationId,
                b.createdAt() == null ? null : b.createdAt().toEpochMilli(), change.changedAt().toEpochMilli(),
                b.resolution(), b.streamMode().name().toLowerCase(Locale.ROOT), b.multiBroadcastTag(),
                b.maxDuration(), b.maxBitrate(), ArchiveCallbackPayload.Layout.of(b.layout()),
                new Urls(b.hlsUrl(), b.rtmp().stream().map(r -> new Rtmp(r.id(), r.serverUrl(), r.status())).toList()));
    }
}
