import { clamp, nextTime, previousTime } from './lookup.ts';
import type { TimelineModel } from './model.ts';

/** How far an arrow key moves the playhead when the session has no frames. */
export const STEP_WITHOUT_FRAMES_SEC = 5;
/** How much of the timeline Page Up/Down move when the session has no chapters. */
export const PAGE_WITHOUT_CHAPTERS = 0.1;

/**
 * Where a key moves the playhead from `time`: the arrow keys to the previous or next frame,
 * Page Up/Down to the previous or next chapter, Home and End to the ends. Null for keys the
 * timeline leaves alone. At the last frame or chapter the playhead stays.
 */
export function timeForKey(model: TimelineModel, time: number, key: string): number | null {
  const frames = model.frames.length > 0;
  const chapters = model.chapters.length > 0;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return frames ? (nextTime(model.frames, time) ?? time) : clamp(model, time + STEP_WITHOUT_FRAMES_SEC);
    case 'ArrowLeft':
    case 'ArrowDown':
      return frames ? (previousTime(model.frames, time) ?? time) : clamp(model, time - STEP_WITHOUT_FRAMES_SEC);
    case 'PageDown':
      return chapters ? (nextTime(model.chapters, time) ?? time) : clamp(model, time + model.duration * PAGE_WITHOUT_CHAPTERS);
    case 'PageUp':
      return chapters ? (previousTime(model.chapters, time) ?? time) : clamp(model, time - model.duration * PAGE_WITHOUT_CHAPTERS);
    case 'Home':
      return 0;
    case 'End':
      return model.duration;
    default:
      return null;
  }
}
