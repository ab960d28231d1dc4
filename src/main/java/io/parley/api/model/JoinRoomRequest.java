package io.parley.api.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "JoinRoomRequest")
public record JoinRoomRequest(
        @NotBlank @Size(max = 64)
        @Schema(required = true, description = "Shown to the other participants", example = "Ada", maxLength = 64)
        String displayName,
        @Size(max = 128)
        @Schema(description = "The room's moderator key, from a host link, to join as MODERATOR")
        String moderatorKey) {

    @Override
    public String toString() {
        return "JoinRoomRequest[displayName=" + displayName + "]";
    }
}
