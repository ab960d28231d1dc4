package io.parley.api.model;

import io.parley.video.ArchiveMode;
import io.parley.video.MediaMode;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CreateRoomRequest")
public record CreateRoomRequest(
        @NotNull
        @Schema(required = true, description = "1 to 63 letters, digits or hyphens; case-insensitive",
                example = "standup", pattern = "^[A-Za-z0-9][A-Za-z0-9-]{0,62}$")
        String name,
        @Schema(defaultValue = "ROUTED") MediaMode mediaMode,
        @Schema(defaultValue = "MANUAL") ArchiveMode archiveMode) {
}
