package io.parley.api.model;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SignalRequest", description = "A signal from the back end, with Vonage's limits")
public record SignalRequest(
        @NotNull
        @Pattern(regexp = "[A-Za-z0-9_~-]{1,128}", message = "must be 1 to 128 letters, digits, '-', '_' or '~'")
        @Schema(required = true, description = "What kind of signal; clients dispatch on it", example = "chat",
                maxLength = 128)
        String type,
        @NotNull
        @Size(max = 8192)
        @Schema(required = true, description = "The payload, at most 8 kB (UTF-8)", example = "The meeting ends in 5 minutes")
        String data) {
}
