package io.parley.embedded.recording;

import io.parley.video.ArchiveLayout;
import io.parley.video.LayoutType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LayoutTimelineTest {

  private static final RecordedTrack ADA = new RecordedTrack(Path.of("ada.webm"), 0, 9000, true, true, "ada");
  private static final RecordedTrack GRACE = new RecordedTrack(Path.of("grace.webm"), 500, 9000, true, true, "grace");

  @Test
  void withoutChangesTheWholeArchiveIsOnePeriod() {
    assertThat(LayoutTimeline.periods(List.of(ADA, GRACE), ArchiveLayout.BEST_FIT, List.of(), 9000))
        .containsExactly(new LayoutTimeline.Period(0, 9000, ArchiveLayout.BEST_FIT, List.of(ADA, GRACE)));
  }

  @Test
  void eachChangeStartsAPeriodThatKeepsWhatItDidNotChange() {
    ArchiveLayout pip = ArchiveLayout.of(LayoutType.PIP);
    List<LayoutTimeline.Period> periods = LayoutTimeline.periods(List.of(ADA, GRACE), ArchiveLayout.BEST_FIT,
        List.of(LayoutChange.ofClasses(6000, Map.of("grace", List.of())),
            LayoutChange.ofLayout(0, ArchiveLayout.of(LayoutType.VERTICAL_PRESENTATION)),
            LayoutChange.ofClasses(3000, Map.of("grace", List.of("focus"))),
            LayoutChange.ofLayout(3000, pip)), 9000);

    assertThat(periods).extracting(LayoutTimeline.Period::fromMillis).containsExactly(0L, 3000L, 6000L);
    assertThat(periods).extracting(LayoutTimeline.Period::toMillis).containsExactly(3000L, 6000L, 9000L);
    assertThat(periods.get(0).layout().type()).isEqualTo(LayoutType.VERTICAL_PRESENTATION);
    assertThat(periods.get(1).layout()).isEqualTo(pip);
    assertThat(periods.get(2).layout()).as("a class change keeps the layout").isEqualTo(pip);
    assertThat(periods.get(0).videos().get(1).layoutClasses()).isEmpty();
    assertThat(periods.get(1).videos().get(1).layoutClasses()).containsExactly("focus");
    assertThat(periods.get(1).videos().get(0).layoutClasses()).as("ada untouched").isEmpty();
    assertThat(periods.get(2).videos().get(1).layoutClasses()).isEmpty();
  }

  @Test
  void aChangeAfterTheLastStreamStoppedChangesNothingShown() {
    assertThat(LayoutTimeline.periods(List.of(ADA), ArchiveLayout.BEST_FIT,
        List.of(LayoutChange.ofLayout(12_000, ArchiveLayout.of(LayoutType.PIP))), 9000))
        .singleElement().satisfies(p -> assertThat(p.layout()).isEqualTo(ArchiveLayout.BEST_FIT));
  }
}
