package io.parley.api.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "MuteSessionRequest", description = "Vonage's session mute; every field is optional")
public record MuteSessionRequest(
        @Schema(description = "true (the default): mute every stream but the excluded ones, and every "
                + "stream published until a mute with active=false; false: end that state (nobody is unmuted)")
        Boolean active,
        @Size(max = 100)
        @Schema(description = "Streams to leave alone (at most 100); ids that name no stream are ignored",
                example = "[\"2b8f0c1d-6e7a-4b3c-9d2e-1f0a9b8c7d6e\"]")
        List<@NotBlank @Size(max = 64) String> excludedStreamIds) {
}
