package io.parley.api.model;

import io.parley.video.ArchiveLayout;
import io.parley.video.LayoutType;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ArchiveLayout", description = "How a composed archive places its streams, as on Vonage: custom needs "
        + "a stylesheet and only it takes one; screenshareType (the layout while a screen is shared) goes with bestFit")
public record LayoutRequest(
        @NotNull
        @Schema(required = true, example = "verticalPresentation",
                enumeration = {"bestFit", "pip", "verticalPresentation", "horizontalPresentation", "custom"})
        String type,
        @Schema(description = "CSS for the custom layout", example = "stream.focus { width: 100%; height: 100%; }")
        String stylesheet,
        @Schema(description = "With bestFit: the layout to switch to while a screen is shared",
                enumeration = {"bestFit", "pip", "verticalPresentation", "horizontalPresentation"})
        String screenshareType) {

    public ArchiveLayout toLayout() {
        return new ArchiveLayout(LayoutType.fromWire(type, "layout.type"), stylesheet,
                screenshareType == null ? null : LayoutType.fromWire(screenshareType, "layout.screenshareType"));
    }

    public static LayoutRequest of(ArchiveLayout layout) {
        return layout == null ? null : new LayoutRequest(layout.type().wire(), layout.stylesheet(),
                layout.screenshareType() == null ? null : layout.screenshareType().wire());
    }
}
