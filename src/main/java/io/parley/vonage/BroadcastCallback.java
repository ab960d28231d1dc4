package io.parley.vonage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.parley.video.Broadcast;
import io.parley.video.BroadcastStatus;
import io.parley.video.RtmpOutput;
import io.parley.video.StreamMode;

import java.time.Instant;
import java.util.List;

/**
 * The body of Vonage's broadcast status callback ({@code event: "broadcast"}), which shares the archive callbacks'
 * URL. Times are epoch milliseconds. The RTMP destinations' stream names, should Vonage send them, are not kept.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record BroadcastCallback(String id, String event, String status, String sessionId, Long createdAt, Long updatedAt,
                         String resolution, String streamMode, String multiBroadcastTag, Integer maxDuration,
                         Integer maxBitrate, Urls broadcastUrls) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Urls(String hls, List<Rtmp> rtmp) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Rtmp(String id, String serverUrl, String status) {
    }

    static boolean isBroadcast(String event) {
        return "broadcast".equals(event);
    }

    /** Vonage says {@code started} while it streams, then {@code stopped} (or {@code failed}): the end either way. */
    Broadcast toBroadcast() {
        BroadcastStatus state = "started".equals(status) || "paused".equals(status) ? BroadcastStatus.STARTED
                : BroadcastStatus.STOPPED;
        List<RtmpOutput> rtmp = broadcastUrls == null || broadcastUrls.rtmp() == null ? List.of()
                : broadcastUrls.rtmp().stream().filter(r -> r.serverUrl() != null && !r.serverUrl().isBlank())
                .map(r -> new RtmpOutput(r.id(), r.serverUrl(), null, r.status())).toList();
        return new Broadcast(id, sessionId, state, createdAt == null ? null : Instant.ofEpochMilli(createdAt),
                updatedAt == null ? null : Instant.ofEpochMilli(updatedAt), resolution,
                "manual".equals(streamMode) ? StreamMode.MANUAL : StreamMode.AUTO,
                multiBroadcastTag == null || multiBroadcastTag.isBlank() ? null : multiBroadcastTag, maxDuration,
                maxBitrate, null, null, broadcastUrls == null ? null : broadcastUrls.hls(), rtmp);
    }
}
