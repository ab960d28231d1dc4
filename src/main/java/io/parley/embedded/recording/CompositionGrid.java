package io.parley.embedded.recording;

/**
 * Where the n-th of {@code count} videos goes on a {@code width x height} canvas: a near-square grid, filled row by
 * row (1 → full canvas, 2 → side by side, 3–4 → 2x2, 5–6 → 3x2, 7–9 → 3x3, and so on). Each video is scaled to fit its cell and
 * padded, so aspect ratios are kept. Cells have even sizes because H.264's 4:2:0 chroma needs them.
 */
record CompositionGrid(int columns, int rows, int cellWidth, int cellHeight, int width, int height) {

  static CompositionGrid of(int count, int width, int height) {
    if (count < 1) {
      throw new IllegalArgumentException("a grid needs at least one cell");
    }
    int columns = (int) Math.ceil(Math.sqrt(count));
    int rows = (count + columns - 1) / columns;
    return new CompositionGrid(columns, rows, even(width / columns), even(height / rows), width, height);
  }

  /** Left edge of cell {@code index}; a grid narrower than the canvas (rounding) is centred. */
  int x(int index) {
    return (width - columns * cellWidth) / 2 + (index % columns) * cellWidth;
  }

  int y(int index) {
    return (height - rows * cellHeight) / 2 + (index / columns) * cellHeight;
  }

  private static int even(int n) {
    return n & ~1;
  }
}
