import type { ScreenSource } from '../video/screens.ts';
import { checkImage } from '../images/imageSize.ts';
import { decodeGray, type GrayImage } from './grayImage.ts';
import type { ReadMode } from './incrementalReader.ts';
import { surelyWhole } from './readPlan.ts';
import { recognizeRect, type Reading } from './recognize.ts';
import { spareTesseract } from './tesseract.ts';

type Spare = Awaited<ReturnType<typeof spareTesseract>>;

/**
 * A second tesseract worker that reads, ahead of the sequential chain (screenReadings.ts), the
 * screens that will be read whole whatever the lines before them (readPlan.ts surelyWhole): a
 * whole read does not depend on the screen before, so the chain takes this reading when its own
 * plan says `full`, with the very call it would have made (same pixels, same parameters, same
 * text). For a job with a core to spare only (RunRequest.idleSlots). Its worker is started on the
 * first such screen and terminated on `stop()`, on an abort of `signal`, or once it is closed and
 * has nothing left to read.
 */
export class WholeReadsAhead {
  private readonly refs: ScreenSource[] = [];
  /** Screens the chain has reached: none is begun here after that. */
  private readonly reached = new Set<string>();
  /** Whole readings begun here and not claimed yet, by screen id; null when one failed. */
  private readonly begun = new Map<string, Promise<Reading | null>>();
  private readonly stopper = new AbortController();
  private closed = false;
  private wake: (() => void) | null = null;
  private spare: Promise<Spare> | null = null;
  /** How many whole readings were begun here so far (claimed or not). For tests. */
  readsBegun = 0;

  constructor(
    private readonly mode: ReadMode,
    signal: AbortSignal,
    private readonly start: () => Promise<Spare> = spareTesseract,
  ) {
    if (signal.aborted) this.stop();
    else signal.addEventListener('abort', () => this.stop(), { once: true });
    void this.run().finally(() => this.stop());
  }

  /** Queues a screen after those added before it. */
  add(ref: ScreenSource): void {
    if (this.closed) return;
    this.refs.push(ref);
    this.poke();
  }

  /** No more screens: the worker is terminated once those added are read or reached. */
  close(): void {
    this.closed = true;
    this.poke();
  }

  /** Terminates the worker now; a reading under way settles with null. */
  stop(): void {
    if (this.stopper.signal.aborted) return;
    this.closed = true;
    this.stopper.abort();
    this.poke();
    // In a later task: a call begun before the stop has been posted by then (spareTesseract), and
    // tesseract.js turns a call made on a terminated worker into an unhandled rejection.
    this.spare?.then((spare) => setTimeout(() => void spare.stop()), () => {});
  }

  /**
   * The chain has reached screen `id`: its whole reading if it was begun here (null if that
   * failed: the chain reads it itself), else undefined, and it will not be begun here.
   */
  claim(id: string): Promise<Reading | null> | undefined {
    this.reached.add(id);
    const reading = this.begun.get(id);
    this.begun.delete(id);
    return reading;
  }

  private poke(): void {
    this.wake?.();
    this.wake = null;
  }

  /** Screen `index` once added; null once closed without it. */
  private async screen(index: number): Promise<ScreenSource | null> {
    while (index >= this.refs.length && !this.closed) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.stopper.signal.aborted ? null : (this.refs[index] ?? null);
  }

  /** A screen's pixels as the chain decodes them; null where the chain gets a message instead. */
  private async gray(ref: ScreenSource): Promise<GrayImage | null> {
    try {
      const blob = await ref.read();
      return (await checkImage(blob, ref.name)).ok ? await decodeGray(blob) : null;
    } catch {
      return null;
    }
  }

  private async run(): Promise<void> {
    // The last screen decoded here, kept as the one the next screen is compared with.
    let held: { index: number; image: GrayImage | null } | null = null;
    for (let k = 0; ; k++) {
      const ref = await this.screen(k);
      if (!ref) return;
      // A repeat is copied, and a screen the chain has reached is its own: neither is read here.
      if (ref.repeatOf !== undefined || this.reached.has(ref.id)) continue;
      // The chain compares a screen with the last one it read before it: repeats do not count.
      let p = k - 1;
      while (p >= 0 && this.refs[p]!.repeatOf !== undefined) p--;
      const previous = this.mode === 'full' || p < 0 ? null : held?.index === p ? held.image : await this.gray(this.refs[p]!);
      const image = await this.gray(ref);
      held = { index: k, image };
      if (!image || this.reached.has(ref.id) || this.stopper.signal.aborted) continue;
      if (!surelyWhole(previous, image)) continue;
      const reading = this.readWhole(image);
      this.begun.set(ref.id, reading);
      this.readsBegun++;
      if ((await reading) === null && this.stopper.signal.aborted) return;
    }
  }

  /** The chain's whole read (IncrementalReader, plan `full`), on the second worker; null on failure or stop. */
  private async readWhole(image: GrayImage): Promise<Reading | null> {
    const stopped = this.stopper.signal;
    try {
      this.spare ??= this.start();
      const { reader } = await this.spare;
      // Terminating tesseract leaves its pending call unsettled: the stop settles it.
      return await new Promise<Reading | null>((resolve, reject) => {
        if (stopped.aborted) return resolve(null);
        stopped.addEventListener('abort', () => resolve(null), { once: true });
        recognizeRect(reader, image, undefined, stopped).then(resolve, reject);
      });
    } catch {
      // A reader that cannot start, or a call that failed (it may not have recovered): the chain reads the rest itself.
      this.stop();
      return null;
    }
  }
}
