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
  /** Share of cells changed between the last offered frame and the kept one before it (1 for the first). */
  lastChange = 1;

  /** Whether the frame at `timeSec` with luminance `gray` is kept, and why; null when it is not. */
  offer(timeSec: number, gray: Float32Array, scrollFrom: () => ScrollFrom = () => 'none'): FrameDecision {
    const last = this.last;
    const previousProbe = this.previousProbe;
    this.previousProbe = gray;
    this.lastChange = last ? changedShare(last.gray, gray) : 1;
    if (!last || timeSec - last.timeSec >= INTERVAL_SEC - 1e-6) return this.keep({ timeSec, gray }, 'interval', false);
    if (this.lastChange < CHANGE_SHARE) {
      // Back where the last kept frame was: a scroll that went further and returned is kept where it reached.
      if (this.held) return this.keep(this.held, null, true);
      return { keepHeld: false, frame: null };
    }
    const scroll = scrollFrom();
    if (scroll === 'short') {
      const stopped = previousProbe !== null && changedShare(previousProbe, gray) < REPEAT_SHARE;
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
