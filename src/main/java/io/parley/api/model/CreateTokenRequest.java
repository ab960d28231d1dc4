package io.parley.api.model;

import io.parley.video.Role;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CreateTokenRequest")
public record CreateTokenRequest(
        @NotNull
        @Schema(required = true, description = "What the holder may do", example = "PUBLISHER")
        Role role,
        @Size(max = 1000)
        @Schema(description = "Connection data shown to the other participants (at most 1000 characters)",
                example = "{\"displayName\":\"Ada\"}")
        String data,
        @Min(1) @Max(2_592_000)
        @Schema(description = "Lifetime in seconds, at most 30 days", defaultValue = "86400", example = "3600")
        Long ttlSeconds) {
}
