package io.parley.video;

import java.time.Instant;
import java.util.List;

/**
 * A live broadcast of a routed session: its composed picture streamed as HLS (viewers open {@code hlsUrl}) and to
 * RTMP destinations. {@code maxDuration} is in seconds, {@code maxBitrate} in bits per second; {@code layout} is
 * the one it was started or last changed with, where the platform reports it.
 */
public record Broadcast(String id, String sessionId, BroadcastStatus status, Instant createdAt, Instant updatedAt,
                        String resolution, StreamMode streamMode, String multiBroadcastTag, Integer maxDuration,
                        Integer maxBitrate, ArchiveLayout layout, HlsOutput hls, String hlsUrl,
                        List<RtmpOutput> rtmp) {

    public Broadcast {
        rtmp = rtmp == null ? List.of() : List.copyOf(rtmp);
        streamMode = streamMode == null ? StreamMode.AUTO : streamMode;
    }

    public Broadcast withLayout(ArchiveLayout newLayout) {
        return new Broadcast(id, sessionId, status, createdAt, updatedAt, resolution, streamMode, multiBroadcastTag,
                maxDuration, maxBitrate, newLayout, hls, hlsUrl, rtmp);
    }
}
