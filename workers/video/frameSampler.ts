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
/**
 * A cell that changed between probes in BUSY_AFTER of the last 8 (4 s) is busy: a webcam tile, a
 * spinner, a clock, a playing video. Busy cells do not count as a change, so they no longer keep a
 * frame at every probe; they stop being busy a few probes after they settle.
 */
const BUSY_AFTER = 3;
/**
 * Busy cells are left out only while they are a small part of the picture. A long scroll or a video
 * played full screen makes most cells busy: those go on counting, and scrolls are kept by their own
 * rule. (A minimum gap between frames kept for small changes was tried: it put chapter boundaries
 * 1.5–2 s late on the evaluation recordings, where a page loads in over a second or two.)
 */
export const MAX_BUSY_SHARE = 0.25;

/** Whether cell `i`'s luminance differs by more than CELL_CHANGE between two grays. */
const cellMoved = (a: Float32Array, b: Float32Array, i: number): boolean => Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > CELL_CHANGE;

/**
 * Share of cells (0..1) whose luminance differs by more than CELL_CHANGE between two grays; cells
 * marked in `ignored` (1) count as unchanged.
 */
export function changedShare(a: Float32Array, b: Float32Array, ignored?: Uint8Array): number {
  let changed = 0;
  for (let i = 0; i < a.length; i++) if (ignored?.[i] !== 1 && cellMoved(a, b, i)) changed++;
  return a.length === 0 ? 0 : changed / a.length;
}

/** Bits set in an 8-bit history. */
const ONES = Uint8Array.from({ length: 256 }, (_, n) => (n.toString(2).match(/1/g) ?? []).length);

/**
 * Which cells of the picture keep changing: a history of the last 8 probes per cell, one bit each
 * (changed since the probe before, or not). What is left out is each cluster of busy cells with
 * the box around it and a cell more, since a webcam tile's still background or a spinner's
 * edge changes less often than its middle, yet belongs to it.
 */
class BusyCells {
  private history: Uint8Array | null = null;
  /** 1 where a cell is left out, while that is a small part of the picture; null otherwise. */
  mask: Uint8Array | null = null;

  constructor(private readonly width: number) {}

  update(before: Float32Array, after: Float32Array): void {
    const history = (this.history ??= new Uint8Array(after.length));
    const busy = new Uint8Array(after.length);
    let any = false;
    for (let i = 0; i < after.length; i++) {
      const changed = cellMoved(before, after, i) ? 1 : 0;
      history[i] = ((history[i]! << 1) | changed) & 0xff;
      if (ONES[history[i]!]! >= BUSY_AFTER) busy[i] = 1;
      any ||= busy[i] === 1;
    }
    this.mask = any ? this.boxesAround(busy) : null;
  }

  /** The boxes (one cell wider all round) of the clusters of busy cells; null when they cover too much. */
  private boxesAround(busy: Uint8Array): Uint8Array | null {
    const { width } = this;
    const height = Math.ceil(busy.length / width);
    const mask = new Uint8Array(busy.length);
    const seen = new Uint8Array(busy.length);
    const stack: number[] = [];
    let masked = 0;
    for (let start = 0; start < busy.length; start++) {
      if (busy[start] !== 1 || seen[start] === 1) continue;
      let [left, right, top, bottom] = [width, -1, height, -1];
      seen[start] = 1;
      stack.push(start);
      while (stack.length > 0) {
        const i = stack.pop()!;
        const x = i % width;
        const y = (i - x) / width;
        left = Math.min(left, x);
        right = Math.max(right, x);
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
        for (const j of [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i - width, i + width]) {
          if (j >= 0 && j < busy.length && busy[j] === 1 && seen[j] === 0) {
            seen[j] = 1;
            stack.push(j);
          }
        }
      }
      for (let y = Math.max(0, top - 1); y <= Math.min(height - 1, bottom + 1); y++) {
        for (let x = Math.max(0, left - 1); x <= Math.min(width - 1, right + 1); x++) {
          const i = y * width + x;
          if (i < mask.length && mask[i] === 0) {
            mask[i] = 1;
            masked++;
          }
        }
      }
    }
    return masked <= busy.length * MAX_BUSY_SHARE ? mask : null;
  }
}

/**
 * How a frame that changed a lot follows the last kept one: the same page scrolled by less than
 * part of a screen ('short'), by more ('long'), or something else ('none'). The caller measures it
 * only when asked: it costs a row image of the frame.
 */
export type ScrollFrom = 'short' | 'long' | 'none';

/** What to do with a probed frame. */
export interface FrameDecision {
  /**
   * Keep the held frame (the newest of a scroll that is still 'short') first, before this one:
   * the picture jumped away from the scroll, so only that frame shows the text it reached.
   */
  keepHeld: boolean;
  /** Keep this frame as a screen and why; 'hold' it as the scroll's newest frame; or pass it by. */
  frame: 'interval' | 'change' | 'hold' | null;
}

/**
 * 'current': the rules above. 'every-change': every probe that changed a lot is kept, scrolls and
 * busy cells included, as the video stage kept frames before issue 16: the bench's baseline for
 * "OCR'd frames against today" (job params `{ sampling: 'every-change' }`).
 */
export type SamplingRules = 'current' | 'every-change';

interface Seen {
  timeSec: number;
  gray: Float32Array;
}

/**
 * Decides which probed frames become screens: the first, one every INTERVAL_SEC, and any whose
 * picture changed a lot since the last kept one. A scroll is kept once per part of a screen, not at
 * every probe: each line still shows whole in one kept frame or the next, and a page scrolling for
 * a minute is no longer 120 screens. Where a scroll stops, that resting place is kept. Pure: the
 * worker feeds it small grays.
 */
export class FrameSampler {
  private last: Seen | null = null;
  private held: Seen | null = null;
  private previousProbe: Float32Array | null = null;
  private readonly busy: BusyCells;
  /** Share of cells changed between the last offered frame and the kept one before it (1 for the first), busy cells left out. */
  lastChange = 1;

  /** `gridWidth`: cells per row of the grays offered (the video stage's probe is 160 wide). */
  constructor(
    gridWidth = 160,
    private readonly rules: SamplingRules = 'current',
  ) {
    this.busy = new BusyCells(gridWidth);
  }

  /** Whether the frame at `timeSec` with luminance `gray` is kept, and why; null when it is not. */
  offer(timeSec: number, gray: Float32Array, scrollFrom: () => ScrollFrom = () => 'none'): FrameDecision {
    const last = this.last;
    const previousProbe = this.previousProbe;
    this.previousProbe = gray;
    if (previousProbe) this.busy.update(previousProbe, gray);
    const everyChange = this.rules === 'every-change';
    const ignored = everyChange ? undefined : (this.busy.mask ?? undefined);
    this.lastChange = last ? changedShare(last.gray, gray, ignored) : 1;
    if (!last || timeSec - last.timeSec >= INTERVAL_SEC - 1e-6) return this.keep({ timeSec, gray }, 'interval', false);
    if (this.lastChange < CHANGE_SHARE) {
      // Back where the last kept frame was: a scroll that went further and returned is kept where it reached.
      if (this.held) return this.keep(this.held, null, true);
      return { keepHeld: false, frame: null };
    }
    const scroll = everyChange ? 'none' : scrollFrom();
    if (scroll === 'short') {
      const stopped = previousProbe !== null && changedShare(previousProbe, gray, ignored) < REPEAT_SHARE;
      if (stopped) return this.keep({ timeSec, gray }, 'change', false);
      this.held = { timeSec, gray };
      return { keepHeld: false, frame: 'hold' };
    }
    return this.keep({ timeSec, gray }, 'change', scroll === 'none' && this.held !== null);
  }

  /** At the end of the video: whether the held frame is to be kept, as no later frame shows what it reached. */
  finish(): boolean {
    const held = this.held !== null;
    if (this.held) this.last = this.held;
    this.held = null;
    return held;
  }

  private keep(frame: Seen, reason: 'interval' | 'change' | null, keepHeld: boolean): FrameDecision {
    this.last = frame;
    this.held = null;
    return { keepHeld, frame: reason };
  }
}
