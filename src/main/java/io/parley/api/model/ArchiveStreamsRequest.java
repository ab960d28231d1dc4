package io.parley.api.model;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ArchiveStreamsRequest", description = "Vonage's body for a manual-mode archive: addStream or "
        + "removeStream, exactly one; hasAudio and hasVideo only with addStream")
public record ArchiveStreamsRequest(
        @Size(min = 1, max = 64) @Schema(example = "2b8f0c1d-6e7a-4b3c-9d2e-1f0a9b8c7d6e") String addStream,
        @Size(min = 1, max = 64) String removeStream,
        @Schema(description = "Record the added stream's audio (default: the archive's hasAudio)") Boolean hasAudio,
        @Schema(description = "Record the added stream's video (default: the archive's hasVideo)") Boolean hasVideo) {
}
