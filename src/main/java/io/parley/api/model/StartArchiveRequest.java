package io.parley.api.model;

import io.parley.video.OutputMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "StartArchiveRequest", description = "A new archive, with the options of Vonage's Archive.Builder; "
        + "every field is optional")
public record StartArchiveRequest(
        @Size(max = 200) @Schema(example = "Weekly standup") String name,
        @Schema(defaultValue = "COMPOSED") OutputMode outputMode,
        @Schema(defaultValue = "true") Boolean hasAudio,
        @Schema(defaultValue = "true") Boolean hasVideo,
        @Schema(description = "Composed output only; one of Vonage's six sizes", example = "1280x720",
                enumeration = {"640x480", "480x640", "1280x720", "720x1280", "1920x1080", "1080x1920"})
        String resolution,
        @Valid
        @Schema(description = "Composed output only; bestFit when absent") LayoutRequest layout,
        @Pattern(regexp = "auto|manual", message = "must be auto or manual")
        @Schema(description = "auto (the default) records every stream; manual only streams added to the archive",
                enumeration = {"auto", "manual"})
        String streamMode,
        @Size(min = 1, max = 200)
        @Schema(description = "Lets several archives of one session run at once, one per tag", example = "hd-copy")
        String multiArchiveTag,
        @Min(100_000) @Max(6_000_000)
        @Schema(description = "Maximum video bitrate of composed output, in bits per second", example = "2000000")
        Integer maxBitrate) {
}
