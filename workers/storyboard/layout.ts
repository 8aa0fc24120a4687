/** Where everything sits on the storyboard, in pixels. Fixed, so tests and readers can find things. */
export const STORYBOARD = {
  width: 1280,
  height: 420,
  /** The plot (thumbnails, chapter band, speech bar, axis) spans these x. */
  left: 24,
  right: 1256,
  titleBaseline: 42,
  subtitleBaseline: 68,
  thumbnails: { top: 92, height: 150 },
  /** Chapter titles and keywords, under each thumbnail. */
  labels: { titleBaseline: 264, keywordsBaseline: 282 },
  chapterBand: { top: 318, height: 14 },
  speechBar: { top: 356, height: 24, labelBaseline: 350 },
  axisBaseline: 402,
} as const;

export const PLOT_WIDTH = STORYBOARD.right - STORYBOARD.left;

export const COLORS = {
  background: '#ffffff',
  text: '#0f172a',
  muted: '#64748b',
  frame: '#cbd5e1',
  /** Where nothing was recorded. */
  unrecorded: '#f1f5f9',
  /** Recorded, but no speech. */
  silence: '#cbd5e1',
  speech: '#2563eb',
  chapters: ['#4f46e5', '#0891b2', '#059669', '#d97706', '#db2777', '#7c3aed'],
} as const;

/** Narrowest thumbnail cell: more chapters than fit are sampled evenly. */
const MIN_CELL = 96;
/** Widest thumbnail cell, so two chapters do not make two giant pictures. */
const MAX_CELL = 240;
const CELL_GAP = 12;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Which of `count` scenes get a thumbnail: all when they fit, else evenly spaced ones, first and last included. */
export function chooseScenes(count: number, width = PLOT_WIDTH): number[] {
  const fit = Math.max(1, Math.floor(width / MIN_CELL));
  if (count <= fit) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: fit }, (_, i) => Math.round((i * (count - 1)) / (fit - 1)));
}

/**
 * The cells of thumbnails wanted at `starts` (the x where each chapter begins, in order): each as
 * close to its chapter as it can be without overlapping the others or leaving the plot.
 */
export function thumbnailCells(starts: readonly number[]): Rect[] {
  const width = Math.min(MAX_CELL, PLOT_WIDTH / Math.max(1, starts.length)) - CELL_GAP;
  const step = width + CELL_GAP;
  const lastX = STORYBOARD.right - width;
  const xs: number[] = [];
  starts.forEach((start, i) => {
    const lowest = i === 0 ? STORYBOARD.left : xs[i - 1]! + step;
    xs.push(Math.max(lowest, Math.min(start, lastX)));
  });
  // Cells pushed past the right edge move back left; `step` is small enough for all to fit.
  for (let i = xs.length - 1; i >= 0; i--) xs[i] = Math.min(xs[i]!, i === xs.length - 1 ? lastX : xs[i + 1]! - step);
  return xs.map((x) => ({ x: Math.round(x), y: STORYBOARD.thumbnails.top, width: Math.floor(width), height: STORYBOARD.thumbnails.height }));
}

/** A picture of `width`×`height` fitted inside `cell`, aspect kept, centred, on whole pixels. */
export function fitInside(width: number, height: number, cell: Rect): Rect {
  const scale = Math.min(cell.width / width, cell.height / height);
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  return { x: Math.round(cell.x + (cell.width - w) / 2), y: Math.round(cell.y + (cell.height - h) / 2), width: w, height: h };
}
