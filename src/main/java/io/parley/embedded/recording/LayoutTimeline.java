package io.parley.embedded.recording;

import io.parley.video.ArchiveLayout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts a composed archive's timeline where its layout or its streams' layout classes changed: within one
 * {@link Period} the composer lays the streams out one way, and the next period another, so the output follows a
 * change from the moment it was made. Tracks are matched to class changes by their label, the stream's id.
 */
final class LayoutTimeline {

  /** From {@code fromMillis} (inclusive) to {@code toMillis} (exclusive): the videos, with their classes then. */
  record Period(long fromMillis, long toMillis, ArchiveLayout layout, List<RecordedTrack> videos) {
  }

  private LayoutTimeline() {
  }

  static List<Period> periods(List<RecordedTrack> videos, ArchiveLayout initial, List<LayoutChange> changes,
      long totalMillis) {
    List<LayoutChange> ordered = changes.stream().sorted(Comparator.comparingLong(LayoutChange::atOffset)).toList();
    List<Period> periods = new ArrayList<>();
    long from = 0;
    ArchiveLayout layout = initial;
    List<RecordedTrack> current = List.copyOf(videos);
    for (LayoutChange change : ordered) {
      long at = Math.min(change.atOffset(), totalMillis);
      if (at > from) {
        periods.add(new Period(from, at, layout, current));
        from = at;
      }
      if (change.layout() != null) {
        layout = change.layout();
      }
      current = current.stream().map(t -> change.layoutClasses().containsKey(t.label())
          ? t.withLayoutClasses(change.layoutClasses().get(t.label())) : t).toList();
    }
    if (totalMillis > from) {
      periods.add(new Period(from, totalMillis, layout, current));
    }
    return periods;
  }
}
