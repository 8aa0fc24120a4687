/** A frame is kept at least this often, so slow edits and long static stretches are still read. */
export const INTERVAL_SEC = 5;
/** How often a decoded frame is compared with the last kept one; the others are closed unseen. */
export const PROBE_SEC = 0.5;
/** A cell whose luminance moved more than this (0..1) counts as changed. */
const CELL_CHANGE = 0.05;
/** Share of changed cells that makes a large change of the picture (a new page, a new window). */
export const CHANGE_SHARE = 0.005;
/** Below this share an interval frame repeats the last kept one (a caret blinked, a pointer moved). */
export const REPEAT_SHARE = 0.001;

/** Share of cells (0..1) whose luminance differs by more than CELL_CHANGE between two grays. */
export function changedShare(a: Float32Array, b: Float32Array): number {
  let changed = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > CELL_CHANGE) changed++;
  return a.length === 0 ? 0 : changed / a.length;
}

/**
 * Decides which probed frames become screens: the first, one every INTERVAL_SEC, and any whose
 * picture changed a lot since the last kept one. Pure: the worker feeds it small grays.
 */
export class FrameSampler {
  private last: { timeSec: number; gray: Float32Array } | null = null;
  /** Share of cells changed between the last offered frame and the kept one before it (1 for the first). */
  lastChange = 1;

  /** Whether the frame at `timeSec` with luminance `gray` is kept, and why; null when it is not. */
  offer(timeSec: number, gray: Float32Array): 'interval' | 'change' | null {
    const last = this.last;
    let reason: 'interval' | 'change' | null = null;
    this.lastChange = last ? changedShare(last.gray, gray) : 1;
    if (!last || timeSec - last.timeSec >= INTERVAL_SEC - 1e-6) reason = 'interval';
    else if (this.lastChange >= CHANGE_SHARE) reason = 'change';
    if (reason) this.last = { timeSec, gray };
    return reason;
  }
}
