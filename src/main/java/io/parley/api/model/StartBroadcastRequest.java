package io.parley.api.model;

import io.parley.video.BroadcastSpec;
import io.parley.video.HlsOutput;
import io.parley.video.RtmpOutput;
import io.parley.video.StreamMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "StartBroadcastRequest", description = "A new live broadcast, with the options of Vonage's "
        + "Broadcast.Builder: outputs are required, everything else optional")
public record StartBroadcastRequest(
        @NotNull @Valid
        @Schema(required = true, description = "An hls output, rtmp outputs, or both") Outputs outputs,
        @Schema(description = "One of Vonage's six sizes", example = "1280x720",
                enumeration = {"640x480", "480x640", "1280x720", "720x1280", "1920x1080", "1080x1920"})
        String resolution,
        @Valid @Schema(description = "bestFit when absent") LayoutRequest layout,
        @Pattern(regexp = "auto|manual", message = "must be auto or manual")
        @Schema(description = "auto (the default) streams every stream; manual only streams added to it",
                enumeration = {"auto", "manual"})
        String streamMode,
        @Size(min = 1, max = 200)
        @Schema(description = "Lets several broadcasts of one session run at once, one per tag", example = "youtube")
        String multiBroadcastTag,
        @Min(BroadcastSpec.MIN_DURATION) @Max(BroadcastSpec.MAX_DURATION)
        @Schema(description = "Seconds after which the broadcast stops by itself; Vonage's default is 14400 (4 h)",
                example = "3600")
        Integer maxDuration,
        @Min(100_000) @Max(6_000_000)
        @Schema(description = "Maximum video bitrate, in bits per second", example = "2000000")
        Integer maxBitrate) {

    @Schema(name = "BroadcastOutputs")
    public record Outputs(
            @Valid @Schema(description = "Stream as HLS; the broadcast's broadcastUrls.hls is the playlist")
            Hls hls,
            @Size(max = BroadcastSpec.MAX_RTMP) @Valid
            @Schema(description = "Push to RTMP servers (at most 5)")
            List<@NotNull @Valid Rtmp> rtmp) {
    }

    @Schema(name = "HlsOptions")
    public record Hls(
            @Schema(description = "Keep the whole broadcast seekable (rewind); not with lowLatency",
                    defaultValue = "false") Boolean dvr,
            @Schema(description = "A delay of a few seconds instead of about 15; not with dvr",
                    defaultValue = "false") Boolean lowLatency) {
    }

    @Schema(name = "RtmpDestination")
    public record Rtmp(
            @Size(min = 1, max = RtmpOutput.MAX_ID) @Schema(description = "Your name for it", example = "youtube")
            String id,
            @NotNull @Size(max = 2048)
            @Schema(required = true, example = "rtmps://a.rtmp.youtube.com/live2") String serverUrl,
            @NotNull @Size(min = 1, max = 2048)
            @Schema(required = true, description = "The service's stream key; never shown back",
                    example = "abcd-efgh-ijkl-mnop") String streamName) {
    }

    public BroadcastSpec toSpec() {
        HlsOutput hls = outputs.hls() == null ? null : new HlsOutput(Boolean.TRUE.equals(outputs.hls().dvr()),
                Boolean.TRUE.equals(outputs.hls().lowLatency()));
        List<RtmpOutput> rtmp = outputs.rtmp() == null ? List.of() : outputs.rtmp().stream()
                .map(r -> new RtmpOutput(r.id(), r.serverUrl(), r.streamName(), null)).toList();
        return new BroadcastSpec(hls, rtmp, resolution, layout == null ? null : layout.toLayout(),
                "manual".equals(streamMode) ? StreamMode.MANUAL : StreamMode.AUTO, multiBroadcastTag, maxDuration,
                maxBitrate);
    }
}
