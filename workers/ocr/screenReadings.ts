import type { OcrWork, ScreenText } from '../../src/shared/results.ts';
import { storedLines } from '../../src/shared/screenLines.ts';
import { checkImage, damagedImage } from '../images/imageSize.ts';
import type { SpareSlots } from '../spareSlots.ts';
import { StageFailure } from '../stage.ts';
import type { ScreenSource } from '../video/screens.ts';
import { grayOf, type GrayImage } from './grayImage.ts';
import { picturesFromDecoded } from '../images/screenPictures.ts';
import { IncrementalReader, type ReadMode } from './incrementalReader.ts';
import type { Reading } from './recognize.ts';
import { resetTesseract, tesseract } from './tesseract.ts';
import { WholeReadsAhead } from './wholeReadsAhead.ts';

/** The AbortError every OCR wait rejects with once its signal aborts. */
export function abortError(): Error {
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

async function startReader(signal: AbortSignal) {
  try {
    return await unlessAborted(tesseract(), signal);
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    // Transient: the next attempt starts the reader again.
    throw new StageFailure('transient', 'The text reader could not start.');
  }
}

async function readScreen(ref: ScreenSource, reading: IncrementalReader, signal: AbortSignal, whole?: Promise<Reading | null>): Promise<ScreenText> {
  const blob = await ref.read();
  throwIfAborted(signal);
  // Checked before anything decodes it: a bad or huge file costs a few header bytes.
  const check = await checkImage(blob, ref.name);
  if (!check.ok) return { mediaId: ref.id, text: '', confidence: 0, message: check.message };
  let image: GrayImage;
  try {
    // Decoded once, here; tesseract gets greyscale pixels, not the file, and the chapters stage
    // the pictures made from the same decode.
    const bitmap = await createImageBitmap(blob);
    try {
      image = grayOf(bitmap);
    } catch (error) {
      bitmap.close();
      throw error;
    }
    picturesFromDecoded(ref.id, blob, bitmap, check.size, ref.name);
  } catch {
    return { mediaId: ref.id, text: '', confidence: 0, message: damagedImage(ref.name) };
  }
  throwIfAborted(signal);
  const reader = await startReader(signal);
  try {
    const { text, confidence, lines } = await unlessAborted(reading.read(reader, image, signal, whole), signal);
    // Packed: the result crosses to the main thread and into IndexedDB as a few values per screen.
    return { mediaId: ref.id, text, confidence, ...storedLines(lines) };
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    // One unreadable screen must not cost the others: a fresh reader serves the rest.
    await resetTesseract();
    return { mediaId: ref.id, text: '', confidence: 0, message: `No text could be read from ${ref.name}.` };
  }
}

/**
 * The text of a session's screens, read one after the other in the order they are added: each
 * screen's reading builds on the one before (workers/ocr/incrementalReader.ts), so the order is
 * the whole result. A screen is read as soon as it is added and the one before it is read, which
 * lets the video stage add its frames while it still decodes the rest. Aborting `signal` stops
 * the reading before the next call to tesseract. While `spare` counts a pool slot idle, a second
 * tesseract worker reads ahead the screens that will surely be read whole (wholeReadsAhead.ts): it is
 * stopped when the slot is taken and started again when one falls idle; the text is the same.
 */
export class ScreenReadings {
  private readonly reading: IncrementalReader;
  private readonly byId = new Map<string, Promise<ScreenText>>();
  private readonly refs: ScreenSource[] = [];
  /** Screens the chain has reached, in order: a second reader started later begins after them. */
  private reached = 0;
  private tail: Promise<unknown> = Promise.resolve();
  private count = 0;
  private ahead: WholeReadsAhead | null = null;
  private closed = false;
  private ended = false;
  private readonly unwatch: () => void;
  /** Second readers started so far. For tests. */
  secondsStarted = 0;

  constructor(
    readonly mode: ReadMode,
    private readonly signal: AbortSignal,
    spare: SpareSlots | null = null,
  ) {
    this.reading = new IncrementalReader(mode);
    this.unwatch = spare?.watch((count) => this.lend(count)) ?? (() => {});
    if (spare) this.lend(spare.count);
  }

  /** The second reader, when there is one. For tests. */
  get second(): WholeReadsAhead | null {
    return this.ahead;
  }

  /** What reading cost so far (see OcrWork). */
  get work(): OcrWork {
    return this.reading.work;
  }

  /** The ids of the screens added, in order. */
  get ids(): readonly string[] {
    return this.refs.map((ref) => ref.id);
  }

  /** How many screens have their text (or their message) so far. */
  get finished(): number {
    return this.count;
  }

  /** Queues `ref` after the screens added before it; its text is `textOf(ref.id)`. */
  add(ref: ScreenSource): void {
    // After the screen before it; a failure there (an abort, a reader that cannot start) fails the rest unread.
    const text = this.tail.then(() => this.readOne(ref));
    this.byId.set(ref.id, text);
    this.tail = text;
    this.refs.push(ref);
    this.ahead?.add(ref);
    // Seen through textOf; a reading nobody waits for must not count as an unhandled rejection.
    text.catch(() => {});
  }

  /** No more screens will be added: the second reader stops once it has nothing left to read ahead. */
  close(): void {
    this.closed = true;
    this.ahead?.close();
  }

  /** The job is over (or gave up on these readings): the second reader is terminated now. */
  end(): void {
    this.ended = true;
    this.unwatch();
    this.ahead?.stop();
    this.ahead = null;
  }

  /**
   * Starts a second reader when a slot is lent and none runs, stops it when none is: a screen it was
   * reading is then read by the chain itself (its claim settles with null).
   */
  private lend(count: number): void {
    if (count > 0 && !this.ahead && !this.ended && !this.signal.aborted) {
      const ahead = new WholeReadsAhead(this.mode, this.signal);
      for (const ref of this.refs.slice(0, this.reached)) ahead.claim(ref.id);
      for (const ref of this.refs) ahead.add(ref);
      if (this.closed) ahead.close();
      this.ahead = ahead;
      this.secondsStarted++;
    } else if (count === 0 && this.ahead) {
      this.ahead.stop();
      this.ahead = null;
    }
  }

  /** The text of an added screen, once read. Rejects with an AbortError after an abort. */
  textOf(id: string): Promise<ScreenText> {
    const text = this.byId.get(id);
    if (!text) return Promise.reject(new Error(`Screen ${id} was never added.`));
    return text;
  }

  private async readOne(ref: ScreenSource): Promise<ScreenText> {
    // Claimed whatever comes next, so the second reader does not begin what the chain reads itself.
    const whole = this.ahead?.claim(ref.id);
    this.reached++;
    throwIfAborted(this.signal);
    // A video frame that repeats an earlier one (a caret blinked) has its text: no second reading.
    const earlier = ref.repeatOf === undefined ? undefined : this.byId.get(ref.repeatOf);
    const same = earlier ? await earlier : undefined;
    const screen = same ? { ...same, mediaId: ref.id } : await readScreen(ref, this.reading, this.signal, whole);
    if (screen.message) this.reading.skip();
    this.count++;
    return screen;
  }
}
