package io.parley.api.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "StreamLayoutRequest", description = "Vonage's stream layout body: each listed stream gets exactly "
        + "its classes (an empty list clears them)")
public record StreamLayoutRequest(
        @NotEmpty @Size(max = 100)
        @Schema(required = true) List<@Valid Item> items) {

    @Schema(name = "StreamLayoutItem")
    public record Item(
            @NotBlank @Size(max = 64)
            @Schema(required = true, example = "2b8f0c1d-6e7a-4b3c-9d2e-1f0a9b8c7d6e") String id,
            @NotNull @Size(max = 10)
            @Schema(required = true, example = "[\"focus\"]")
            List<@Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1 to 64 letters, digits, '-' or '_'")
                    String> layoutClassList) {
    }
}
