import type { OcrResult, ScreenText } from '../../src/shared/results.ts';
import { checkImage, damagedImage } from '../images/imageSize.ts';
import { decodeGray, type GrayImage } from '../ocr/grayImage.ts';
import { IncrementalReader } from '../ocr/incrementalReader.ts';
import { engineOf, resetReader, startReader as startEngine, type OcrEngine } from '../ocr/engines.ts';
import { StageFailure } from '../stage.ts';
import { screenSources, type ScreenSource } from '../video/screens.ts';
import type { StageContext, StageFn } from '../stage.ts';

function abortError(): Error {
  const error = new Error('The screens stage was cancelled.');
  error.name = 'AbortError';
  return error;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortError();
}

/** Settles with `promise`, or rejects with an AbortError as soon as `signal` aborts. */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function startReader(engine: OcrEngine, signal: AbortSignal) {
  try {
    return await unlessAborted(startEngine(engine), signal);
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    // Transient: the next attempt starts the reader again.
    throw new StageFailure('transient', 'The text reader could not start.');
  }
}

async function readScreen(ctx: StageContext, ref: ScreenSource, reading: IncrementalReader): Promise<ScreenText> {
  const blob = await ref.read();
  throwIfAborted(ctx.signal);
  // Checked before anything decodes it: a bad or huge file costs a few header bytes.
  const check = await checkImage(blob, ref.name);
  if (!check.ok) return { mediaId: ref.id, text: '', confidence: 0, message: check.message };
  let image: GrayImage;
  try {
    // Decoded once, here; tesseract gets greyscale pixels, not the file.
    image = await decodeGray(blob);
  } catch {
    return { mediaId: ref.id, text: '', confidence: 0, message: damagedImage(ref.name) };
  }
  throwIfAborted(ctx.signal);
  const engine = engineOf(ctx.params);
  const reader = await startReader(engine, ctx.signal);
  try {
    const { text, confidence, lines } = await unlessAborted(reading.read(reader, image), ctx.signal);
    return { mediaId: ref.id, text, confidence, ...(lines.length > 0 ? { lines } : {}) };
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    // One unreadable screen must not cost the others: a fresh reader serves the rest.
    await resetReader(engine);
    return { mediaId: ref.id, text: '', confidence: 0, message: `No text could be read from ${ref.name}.` };
  }
}

/**
 * Reads the text of every screenshot with tesseract (English, LSTM), or PP-OCRv4 when
 * `params.ocrEngine === 'ppocr'` (workers/ocr/engines.ts), in the session's order,
 * handing it only what is new (see workers/ocr/incrementalReader.ts); `params.ocr === 'full'`
 * reads every screen whole, as before. A screenshot that is not an image, is over
 * MAX_IMAGE_PIXELS or cannot be read gets a plain message and empty text; the others are still
 * read. Progress moves once per screenshot.
 */
export const ocrStage: StageFn = async (ctx): Promise<OcrResult> => {
  // Screenshots, then the frames the 'video' stage sampled: both are read the same way.
  const refs = screenSources(ctx);
  const reading = new IncrementalReader(ctx.params.ocr === 'full' ? 'full' : 'incremental');
  const screens: ScreenText[] = [];
  const read = new Map<string, ScreenText>();
  for (const [i, ref] of refs.entries()) {
    throwIfAborted(ctx.signal);
    // A video frame that repeats an earlier one (a caret blinked) has its text: no second reading.
    const same = ref.repeatOf === undefined ? undefined : read.get(ref.repeatOf);
    const screen = same ? { ...same, mediaId: ref.id } : await readScreen(ctx, ref, reading);
    if (screen.message) reading.skip();
    read.set(ref.id, screen);
    screens.push(screen);
    ctx.progress((i + 1) / refs.length);
  }
  return { screens, work: reading.work };
};
