package io.parley.embedded.recording;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompositionGridTest {

  @Test
  void gridsGrowWithTheNumberOfVideos() {
    assertThat(CompositionGrid.of(1, 640, 480)).extracting("columns", "rows", "cellWidth", "cellHeight")
        .containsExactly(1, 1, 640, 480);
    assertThat(CompositionGrid.of(2, 640, 480)).extracting("columns", "rows", "cellWidth", "cellHeight")
        .containsExactly(2, 1, 320, 480);
    assertThat(CompositionGrid.of(3, 640, 480)).extracting("columns", "rows").containsExactly(2, 2);
    assertThat(CompositionGrid.of(4, 640, 480)).extracting("columns", "rows").containsExactly(2, 2);
    assertThat(CompositionGrid.of(5, 640, 480)).extracting("columns", "rows").containsExactly(3, 2);
    assertThat(CompositionGrid.of(9, 1280, 720)).extracting("columns", "rows").containsExactly(3, 3);
  }

  @Test
  void cellsAreEvenAndAnUnevenRemainderIsCentred() {
    CompositionGrid grid = CompositionGrid.of(9, 1280, 720);
    assertThat(grid.cellWidth()).isEqualTo(426);
    assertThat(grid.cellHeight()).isEqualTo(240);
    assertThat(grid.x(0)).isEqualTo(1);
    assertThat(grid.x(4)).isEqualTo(1 + 426);
    assertThat(grid.y(8)).isEqualTo(480);
  }
}
