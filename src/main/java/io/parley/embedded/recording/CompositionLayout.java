package io.parley.embedded.recording;

import io.parley.embedded.layout.CustomStylesheet;
import io.parley.video.ArchiveLayout;
import io.parley.video.LayoutType;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each video of a composed archive goes on the canvas, for Vonage's standard layouts. Cells are given for the
 * whole archive (a stream keeps its cell while it comes and goes, as the grid always has), and in drawing order:
 * the large cell first, so that a picture-in-picture lies on top of it.
 *
 * <ul>
 *   <li>{@code bestFit}: the near-square grid of {@link CompositionGrid}; with a {@code screenshareType}, an archive
 *       that has a screen share is laid out by that type instead, the screen share being the large one.</li>
 *   <li>{@code pip}: the large stream fills the canvas; the next one sits in the bottom-right corner at a quarter of
 *       the canvas's width and height; further streams are not shown (Vonage's pip takes two).</li>
 *   <li>{@code verticalPresentation}: the large stream takes the left four fifths; the others share the right fifth,
 *       one above the other.</li>
 *   <li>{@code horizontalPresentation}: the large stream takes the top four fifths; the others share the bottom
 *       fifth, side by side.</li>
 * </ul>
 *
 * A {@code custom} layout places each stream by its stylesheet's rules for its layout classes ({@link CustomStylesheet}).
 * The large stream is the first with the {@code focus} class, else the first screen share, else the first video.
 * A presentation layout with one stream gives it the whole canvas. Every cell has even sizes (4:2:0 chroma).
 */
final class CompositionLayout {

  /**
   * One video's rectangle; {@code video} indexes the list of videos given to {@link #place}. {@code cover}: the
   * picture is cropped to fill it rather than letterboxed (a custom layout's {@code object-fit: cover}).
   */
  record Cell(int video, int x, int y, int width, int height, boolean cover) {
    Cell(int video, int x, int y, int width, int height) {
      this(video, x, y, width, height, false);
    }
  }

  private CompositionLayout() {
  }

  static List<Cell> place(List<RecordedTrack> videos, ArchiveLayout layout, int width, int height) {
    if (videos.isEmpty()) {
      return List.of();
    }
    boolean screenShared = videos.stream().anyMatch(RecordedTrack::screen);
    LayoutType type = layout.type();
    int large;
    if (type == LayoutType.BEST_FIT && layout.screenshareType() != null && screenShared) {
      type = layout.screenshareType();
      large = firstScreen(videos);
    } else {
      large = largeOf(videos);
    }
    return switch (type) {
      case CUSTOM -> custom(videos, layout.stylesheet(), width, height);
      case BEST_FIT -> grid(videos.size(), width, height);
      case PIP -> pip(videos.size(), large, width, height);
      case VERTICAL_PRESENTATION -> presentation(videos.size(), large, width, height, true);
      case HORIZONTAL_PRESENTATION -> presentation(videos.size(), large, width, height, false);
    };
  }

  /** By the stylesheet ({@link CustomStylesheet}, validated when the archive started or took the layout). */
  private static List<Cell> custom(List<RecordedTrack> videos, String stylesheet, int width, int height) {
    return CustomStylesheet.parse(stylesheet)
        .place(videos.stream().map(RecordedTrack::layoutClasses).toList(), width, height).stream()
        .map(p -> new Cell(p.video(), p.x(), p.y(), p.width(), p.height(), p.cover()))
        .toList();
  }

  private static List<Cell> grid(int count, int width, int height) {
    CompositionGrid grid = CompositionGrid.of(count, width, height);
    List<Cell> cells = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      cells.add(new Cell(i, grid.x(i), grid.y(i), grid.cellWidth(), grid.cellHeight()));
    }
    return cells;
  }

  private static List<Cell> pip(int count, int large, int width, int height) {
    List<Cell> cells = new ArrayList<>();
    cells.add(new Cell(large, 0, 0, width, height));
    if (count > 1) {
      int small = large == 0 ? 1 : 0;
      int w = even(width / 4);
      int h = even(height / 4);
      int margin = even(Math.min(width, height) / 40);
      cells.add(new Cell(small, width - w - margin, height - h - margin, w, h));
    }
    return cells;
  }

  private static List<Cell> presentation(int count, int large, int width, int height, boolean vertical) {
    List<Cell> cells = new ArrayList<>();
    if (count == 1) {
      cells.add(new Cell(large, 0, 0, width, height));
      return cells;
    }
    int others = count - 1;
    if (vertical) {
      int largeWidth = even(width * 4 / 5);
      cells.add(new Cell(large, 0, 0, largeWidth, height));
      int cellHeight = even(height / others);
      int slot = 0;
      for (int i = 0; i < count; i++) {
        if (i != large) {
          cells.add(new Cell(i, largeWidth, slot++ * cellHeight, even(width - largeWidth), cellHeight));
        }
      }
    } else {
      int largeHeight = even(height * 4 / 5);
      cells.add(new Cell(large, 0, 0, width, largeHeight));
      int cellWidth = even(width / others);
      int slot = 0;
      for (int i = 0; i < count; i++) {
        if (i != large) {
          cells.add(new Cell(i, slot++ * cellWidth, largeHeight, cellWidth, even(height - largeHeight)));
        }
      }
    }
    return cells;
  }

  private static int largeOf(List<RecordedTrack> videos) {
    for (int i = 0; i < videos.size(); i++) {
      if (videos.get(i).focus()) {
        return i;
      }
    }
    return firstScreen(videos);
  }

  private static int firstScreen(List<RecordedTrack> videos) {
    for (int i = 0; i < videos.size(); i++) {
      if (videos.get(i).screen()) {
        return i;
      }
    }
    return 0;
  }

  private static int even(int n) {
    return n & ~1;
  }
}
