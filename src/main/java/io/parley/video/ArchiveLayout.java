package io.parley.video;

import java.util.Objects;

/**
 * A composed archive's layout, with Vonage's rules: {@code custom} needs a {@code stylesheet} and only it takes one;
 * a {@code screenshareType} (the layout to switch to while a screen is shared) goes with {@code bestFit} only and is
 * not {@code custom}.
 */
public record ArchiveLayout(LayoutType type, String stylesheet, LayoutType screenshareType) {

    public static final int MAX_STYLESHEET = 10_000;
    public static final ArchiveLayout BEST_FIT = new ArchiveLayout(LayoutType.BEST_FIT, null, null);

    public ArchiveLayout {
        Objects.requireNonNull(type, "type");
        if (type == LayoutType.CUSTOM && (stylesheet == null || stylesheet.isBlank())) {
            throw new InvalidRequestException("layout.stylesheet", "a custom layout needs a stylesheet");
        }
        if (type != LayoutType.CUSTOM && stylesheet != null) {
            throw new InvalidRequestException("layout.stylesheet", "only a custom layout takes a stylesheet");
        }
        if (stylesheet != null && stylesheet.length() > MAX_STYLESHEET) {
            throw new InvalidRequestException("layout.stylesheet", "must be at most " + MAX_STYLESHEET + " characters");
        }
        if (screenshareType != null && type != LayoutType.BEST_FIT) {
            throw new InvalidRequestException("layout.screenshareType", "goes with the bestFit layout only");
        }
        if (screenshareType == LayoutType.CUSTOM) {
            throw new InvalidRequestException("layout.screenshareType", "cannot be custom");
        }
    }

    public static ArchiveLayout of(LayoutType type) {
        return new ArchiveLayout(type, null, null);
    }
}
