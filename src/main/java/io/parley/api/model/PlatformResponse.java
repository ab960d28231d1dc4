package io.parley.api.model;

import io.parley.video.Capability;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

@Schema(name = "Platform", description = "The running video platform and, for every capability Parley's API knows, "
        + "whether this platform has it. An operation needing an absent capability answers 501 "
        + "`urn:parley:problem:not-supported`.")
public record PlatformResponse(
        @Schema(example = "embedded", enumeration = {"embedded", "vonage"}) String platform,
        List<CapabilityView> capabilities) {

    public static PlatformResponse of(String platform, Set<Capability> supported) {
        return new PlatformResponse(platform, Arrays.stream(Capability.values())
                .map(c -> new CapabilityView(c, supported.contains(c), c.description())).toList());
    }

    @Schema(name = "Capability")
    public record CapabilityView(
            @Schema(example = "FORCE_MUTE") Capability name,
            @Schema(example = "true") boolean supported,
            @Schema(example = "Force-mute one stream's audio") String description) {
    }
}
