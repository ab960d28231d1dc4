/**
 * Layout math, free of the DOM. The grid picks the column count whose tiles, kept at the video's aspect ratio and
 * shown whole (object-fit: contain), are largest in the space there is; the focus layouts (speaker view, screen
 * share) give one tile the stage and line the others up in a strip.
 */

export type GridFit = { columns: number; rows: number; tileWidth: number; tileHeight: number };

/** The best grid for `count` tiles of `aspect` (width / height) in a `width` x `height` box with `gap` between. */
export function bestGrid(count: number, width: number, height: number, aspect = 16 / 9, gap = 8): GridFit {
  if (count <= 0 || width <= 0 || height <= 0) {
    return { columns: 1, rows: 1, tileWidth: Math.max(0, width), tileHeight: Math.max(0, height) };
  }
  let best: GridFit | undefined;
  let bestArea = -1;
  for (let columns = 1; columns <= count; columns += 1) {
    const rows = Math.ceil(count / columns);
    const cellWidth = (width - gap * (columns - 1)) / columns;
    const cellHeight = (height - gap * (rows - 1)) / rows;
    if (cellWidth <= 0 || cellHeight <= 0) {
      continue;
    }
    // The picture inside the cell, letterboxed to its aspect ratio.
    const tileWidth = Math.min(cellWidth, cellHeight * aspect);
    const tileHeight = tileWidth / aspect;
    const area = tileWidth * tileHeight;
    // Ties go to fewer empty cells.
    if (area > bestArea + 0.5 || (Math.abs(area - bestArea) <= 0.5 && best && columns * rows < best.columns * best.rows)) {
      bestArea = area;
      best = { columns, rows, tileWidth: cellWidth, tileHeight: cellHeight };
    }
  }
  return best ?? { columns: 1, rows: count, tileWidth: width, tileHeight: height / count };
}

/** `auto`: the grid, with a shared screen in focus; `grid` and `speaker` are what the person chose. */
export type LayoutMode = 'auto' | 'grid' | 'speaker';

/** What the stage shows: every tile alike, or one in focus (and why). */
export type Layout =
  | { kind: 'grid' }
  | { kind: 'speaker' | 'screen' | 'pinned'; focus: string };

export type LayoutInput = {
  /** What the person chose with the layout button. */
  mode: LayoutMode;
  /** Tile keys in the order they are shown. */
  tiles: readonly string[];
  pinned?: string;
  /** Tiles of shared screens, newest last. */
  screens: readonly string[];
  activeSpeaker?: string;
  /** The own camera tile, which speaker view does not put in focus. */
  self?: string;
};

/**
 * A pinned tile always takes focus; a shared screen takes it next (the screen-share layout) unless the person chose
 * the grid; speaker view focuses the active speaker, or the first other person until someone speaks.
 */
export function chooseLayout(input: LayoutInput): Layout {
  const present = new Set(input.tiles);
  if (input.pinned && present.has(input.pinned)) {
    return { kind: 'pinned', focus: input.pinned };
  }
  if (input.tiles.length < 2) {
    return { kind: 'grid' };
  }
  const screen = [...input.screens].reverse().find((key) => present.has(key));
  if (screen && input.mode !== 'grid') {
    return { kind: 'screen', focus: screen };
  }
  if (input.mode !== 'speaker') {
    return { kind: 'grid' };
  }
  const speaker = input.activeSpeaker && present.has(input.activeSpeaker) && input.activeSpeaker !== input.self
    ? input.activeSpeaker : input.tiles.find((key) => key !== input.self);
  return speaker ? { kind: 'speaker', focus: speaker } : { kind: 'grid' };
}

/** Whether the strip of a focus layout goes beside the stage (wide screens) or below it (portrait, phones). */
export function stripSide(width: number, height: number): 'right' | 'bottom' {
  return width >= 720 && width / Math.max(1, height) >= 1.2 ? 'right' : 'bottom';
}
