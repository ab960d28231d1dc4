package io.parley.api.model;

import io.parley.video.OutputMode;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "StartArchiveRequest", description = "A new archive; every field is optional")
public record StartArchiveRequest(
        @Size(max = 200) @Schema(example = "Weekly standup") String name,
        @Schema(defaultValue = "COMPOSED") OutputMode outputMode,
        @Schema(defaultValue = "true") Boolean hasAudio,
        @Schema(defaultValue = "true") Boolean hasVideo,
        @Pattern(regexp = "\\d{3,4}x\\d{3,4}", message = "must look like 1280x720")
        @Schema(description = "Composed output only", example = "1280x720") String resolution) {
}
