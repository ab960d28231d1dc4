package io.parley.video;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a composed archive places its streams: Vonage's layout types, by their wire names. */
public enum LayoutType {
    BEST_FIT("bestFit"),
    PIP("pip"),
    VERTICAL_PRESENTATION("verticalPresentation"),
    HORIZONTAL_PRESENTATION("horizontalPresentation"),
    CUSTOM("custom");

    private final String wire;

    LayoutType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The type named {@code value} as Vonage spells it; an unknown name is the caller's mistake in {@code field}. */
    public static LayoutType fromWire(String value, String field) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst()
                .orElseThrow(() -> new InvalidRequestException(field, "must be one of " + Arrays.stream(values())
                        .map(LayoutType::wire).collect(Collectors.joining(", "))));
    }
}
