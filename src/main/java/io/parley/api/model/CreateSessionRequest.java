package io.parley.api.model;

import io.parley.video.ArchiveMode;
import io.parley.video.MediaMode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CreateSessionRequest", description = "A new session; both fields are optional")
public record CreateSessionRequest(
        @Schema(description = "ROUTED (through a media router, can be archived) or RELAYED (peer to peer)",
                defaultValue = "ROUTED")
        MediaMode mediaMode,
        @Schema(description = "MANUAL (archives start on request) or ALWAYS (when the first stream is published)",
                defaultValue = "MANUAL")
        ArchiveMode archiveMode) {
}
