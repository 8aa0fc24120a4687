import type { VideoStageResult } from '../../src/shared/results.ts';
import type { SpareSlots } from '../spareSlots.ts';
import type { ScreenSource } from '../video/screens.ts';
import type { ReadMode } from './incrementalReader.ts';
import { abortError, ScreenReadings } from './screenReadings.ts';

/**
 * OCR begun by the video stage on the frames it keeps, while it still decodes the rest: decoding
 * runs in the pool worker and tesseract in its own worker, so the two use both cores instead of
 * one after the other. The OCR stage claims it through the video stage's result and carries on
 * with the same readings; it stays a side table, so the stored result keeps its shape.
 */
export interface ReadAhead {
  readonly readings: ScreenReadings;
  /** Stops the reading before its next call to tesseract; what it was doing rejects with an AbortError. */
  abort(): void;
}

const handedOver = new WeakMap<VideoStageResult, ReadAhead>();
/** The newest read-ahead not yet claimed: one left behind (its job ended) is stopped by the next. */
let unclaimed: ReadAhead | null = null;

/**
 * Starts reading ahead for a video stage; stops when `signal` aborts, or when `abort()` is called.
 * `spare`: the pool slots the job may use beside its own, for a second tesseract worker (ScreenReadings).
 */
export function startReadAhead(mode: ReadMode, signal: AbortSignal, spare: SpareSlots | null = null): ReadAhead {
  unclaimed?.abort();
  const controller = new AbortController();
  const onAbort = () => controller.abort(abortError());
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) onAbort();
  const ahead: ReadAhead = {
    readings: new ScreenReadings(mode, controller.signal, spare),
    abort: () => {
      signal.removeEventListener('abort', onAbort);
      controller.abort(abortError());
      if (unclaimed === ahead) unclaimed = null;
    },
  };
  unclaimed = ahead;
  return ahead;
}

/** Leaves `ahead` for the OCR stage that reads `video`; the video stage adds no more frames to it. */
export function handOver(video: VideoStageResult, ahead: ReadAhead): void {
  ahead.readings.close();
  handedOver.set(video, ahead);
}

/** The read-ahead the video stage started last, claimed or not: for tests that watch it while it runs. */
export function latestReadAhead(): ReadAhead | null {
  return unclaimed;
}

/**
 * The readings begun on `video`'s frames, if they are the first of `refs` in the same order and
 * mode (then they are what reading `refs` from the start would give); null otherwise, and a
 * read-ahead that does not fit is stopped. Aborting `signal` stops the claimed readings too.
 */
export function claimReadAhead(video: VideoStageResult | undefined, refs: ScreenSource[], mode: ReadMode, signal: AbortSignal): ScreenReadings | null {
  const ahead = video ? handedOver.get(video) : undefined;
  if (!video || !ahead) return null;
  handedOver.delete(video);
  if (unclaimed === ahead) unclaimed = null;
  const ids = ahead.readings.ids;
  const fits = ahead.readings.mode === mode && ids.length <= refs.length && ids.every((id, i) => refs[i]!.id === id);
  if (!fits || signal.aborted) {
    ahead.abort();
    return null;
  }
  signal.addEventListener('abort', () => ahead.abort(), { once: true });
  return ahead.readings;
}
