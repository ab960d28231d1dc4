package io.parley.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.video.Broadcast;
import io.parley.video.BroadcastStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

@Schema(name = "Broadcast", description = "A live broadcast of a routed session: HLS viewers open broadcastUrls.hls")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BroadcastResponse(
        @Schema(example = "1748b7070a8d4c2a9b6a8ed2a4c59c2d") String id,
        String sessionId,
        BroadcastStatus status,
        Instant createdAt,
        Instant updatedAt,
        String resolution,
        @Schema(enumeration = {"auto", "manual"}) String streamMode,
        String multiBroadcastTag,
        @Schema(description = "Seconds") Integer maxDuration,
        @Schema(description = "Bits per second") Integer maxBitrate,
        @Schema(description = "The layout it was started or last changed with; absent where not reported")
        LayoutRequest layout,
        HlsSettings hls,
        Urls broadcastUrls) {

    @Schema(name = "BroadcastHlsSettings")
    public record HlsSettings(boolean dvr, boolean lowLatency) {
    }

    @Schema(name = "BroadcastUrls")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Urls(
            @Schema(description = "The HLS playlist: on vonage once Vonage has it; on embedded a signed path on Parley, valid "
                    + "for the broadcast's maximum duration", example = "https://broadcast.vonage.com/hls/x/index.m3u8")
            String hls,
            List<RtmpStatus> rtmp) {
    }

    @Schema(name = "RtmpStatus", description = "An RTMP destination and how it is doing; the stream key is not shown")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RtmpStatus(String id, String serverUrl,
                             @Schema(enumeration = {"connecting", "live", "offline", "error"}) String status) {
    }

    public static BroadcastResponse of(Broadcast b) {
        return new BroadcastResponse(b.id(), b.sessionId(), b.status(), b.createdAt(), b.updatedAt(), b.resolution(),
                b.streamMode().name().toLowerCase(Locale.ROOT), b.multiBroadcastTag(), b.maxDuration(),
                b.maxBitrate(), LayoutRequest.of(b.layout()),
                b.hls() == null ? null : new HlsSettings(b.hls().dvr(), b.hls().lowLatency()),
                new Urls(b.hlsUrl(), b.rtmp().stream()
                        .map(r -> new RtmpStatus(r.id(), r.serverUrl(), r.status())).toList()));
    }
}
