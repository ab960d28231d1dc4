package io.parley.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.parley.video.Archive;
import io.parley.video.ArchiveStatus;
import io.parley.video.OutputMode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Locale;

@Schema(name = "Archive", description = "A recording of a routed session. Play it through its playback route.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArchiveResponse(
        @Schema(example = "b40ef09b-3811-4726-b508-e41a0f96c68f") String id,
        String sessionId,
        String name,
        ArchiveStatus status,
        OutputMode outputMode,
        boolean hasAudio,
        boolean hasVideo,
        String resolution,
        Instant createdAt,
        @Schema(description = "Seconds recorded") long duration,
        @Schema(description = "Bytes") long size,
        @Schema(description = "Why it stopped, failed or was recovered") String reason,
        @Schema(description = "Composed archives' layout; absent where the platform does not report it")
        LayoutRequest layout,
        @Schema(enumeration = {"auto", "manual"}) String streamMode,
        String multiArchiveTag,
        @Schema(description = "Bits per second") Integer maxBitrate) {

    public static ArchiveResponse of(Archive a) {
        return new ArchiveResponse(a.id(), a.sessionId(), a.name(), a.status(), a.outputMode(), a.hasAudio(),
                a.hasVideo(), a.resolution(), a.createdAt(), a.duration(), a.size(), a.reason(),
                LayoutRequest.of(a.options().layout()), a.options().streamMode().name().toLowerCase(Locale.ROOT),
                a.options().multiArchiveTag(), a.options().maxBitrate());
    }
}
