package io.parley.embedded.recording;

import io.parley.video.ArchiveLayout;
import io.parley.video.LayoutType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompositionLayoutTest {

    private static RecordedTrack camera(String label) {
        return new RecordedTrack(Path.of(label + ".webm"), 0, 1000, true, true, label);
    }

    private static RecordedTrack screen(String label) {
        return new RecordedTrack(Path.of(label + ".webm"), 0, 1000, true, true, label, true, List.of());
    }

    private static RecordedTrack focused(String label) {
        return new RecordedTrack(Path.of(label + ".webm"), 0, 1000, true, true, label, false, List.of("focus"));
    }

    @Test
    void verticalPresentationGivesTheScreenTheLeftFourFifthsAndStacksTheOthers() {
        List<CompositionLayout.Cell> cells = CompositionLayout.place(List.of(camera("a"), screen("s"), camera("b")),
                ArchiveLayout.of(LayoutType.VERTICAL_PRESENTATION), 1280, 720);
        assertThat(cells).containsExactly(
                new CompositionLayout.Cell(1, 0, 0, 1024, 720),
                new CompositionLayout.Cell(0, 1024, 0, 256, 360),
                new CompositionLayout.Cell(2, 1024, 360, 256, 360));
    }

    @Test
    void focusWinsOverAScreenShareInPresentationLayouts() {
        List<CompositionLayout.Cell> cells = CompositionLayout.place(List.of(screen("s"), focused("f")),
                ArchiveLayout.of(LayoutType.HORIZONTAL_PRESENTATION), 640, 480);
        assertThat(cells).containsExactly(
                new CompositionLayout.Cell(1, 0, 0, 640, 384),
                new CompositionLayout.Cell(0, 0, 384, 640, 96));
    }

    @Test
    void pipPutsTheSecondStreamInTheBottomRightCornerOnTopAndShowsNoMore() {
        List<CompositionLayout.Cell> cells = CompositionLayout.place(List.of(camera("a"), camera("b"), camera("c")),
                ArchiveLayout.of(LayoutType.PIP), 640, 480);
        assertThat(cells).containsExactly(
                new CompositionLayout.Cell(0, 0, 0, 640, 480),
                new CompositionLayout.Cell(1, 640 - 160 - 12, 480 - 120 - 12, 160, 120));
    }

    @Test
    void bestFitSwitchesToTheScreenshareTypeOnlyWhenAScreenIsShared() {
        ArchiveLayout layout = new ArchiveLayout(LayoutType.BEST_FIT, null, LayoutType.HORIZONTAL_PRESENTATION);
        assertThat(CompositionLayout.place(List.of(camera("a"), camera("b")), layout, 640, 480)).containsExactly(
                new CompositionLayout.Cell(0, 0, 0, 320, 480),
                new CompositionLayout.Cell(1, 320, 0, 320, 480));
        assertThat(CompositionLayout.place(List.of(focused("a"), screen("s")), layout, 640, 480).get(0))
                .as("the screen share is large, whatever has focus")
                .isEqualTo(new CompositionLayout.Cell(1, 0, 0, 640, 384));
    }

    @Test
    void aPresentationOfOneStreamFillsTheCanvas() {
        assertThat(CompositionLayout.place(List.of(camera("a")), ArchiveLayout.of(LayoutType.VERTICAL_PRESENTATION),
                480, 640)).containsExactly(new CompositionLayout.Cell(0, 0, 0, 480, 640));
    }
}
