package io.parley.embedded.recording;

import io.parley.video.ArchiveLayout;

import java.util.List;
import java.util.Map;

/**
 * A change of a composed archive's layout while it records, as {@code layout-changes.json} keeps it: at
 * {@code atOffset} ms from the archive's start, the archive took {@code layout} (null: unchanged) and the streams in
 * {@code layoutClasses}, by stream id, took those classes (others kept theirs). The first entry, at 0, is the layout
 * the archive started with.
 */
public record LayoutChange(long atOffset, ArchiveLayout layout, Map<String, List<String>> layoutClasses) {

    public LayoutChange {
        if (atOffset < 0) {
            throw new IllegalArgumentException("a layout change cannot precede the archive, got " + atOffset);
        }
        layoutClasses = layoutClasses == null ? Map.of() : Map.copyOf(layoutClasses);
    }

    static LayoutChange ofLayout(long atOffset, ArchiveLayout layout) {
        return new LayoutChange(atOffset, layout, Map.of());
    }

    static LayoutChange ofClasses(long atOffset, Map<String, List<String>> layoutClasses) {
        return new LayoutChange(atOffset, null, layoutClasses);
    }
}
