import type { Worker as TesseractWorker } from 'tesseract.js';
import type { OcrLine, OcrWork } from '../../src/shared/results.ts';
import { withoutSlivers } from './cleanLines.ts';
import { fingerprint, type GrayImage } from './grayImage.ts';
import { planRead } from './readPlan.ts';
import { recognizeRect, type Reading } from './recognize.ts';
import { inReadingOrder, textOfLines } from './splice.ts';

/** A screen's text as the OCR stage keeps it. */
export interface ScreenReading {
  text: string;
  confidence: number;
  lines: OcrLine[];
}

/** `full`: every screen read whole (the path before incremental reading, kept for the bench). */
export type ReadMode = 'incremental' | 'full';

/**
 * Reads the screens of one session in order, handing the text reader only what is new: a screen
 * seen before (same pixels) anywhere in the session takes its text from a cache; otherwise, after a
 * screen of the same size, only the rows that changed (the band a scroll revealed, a line typed),
 * in the columns that hold the change, are read and spliced into the previous screen's lines,
 * moved by the scroll. Every screen's lines stay complete and in its own pixels.
 */
export class IncrementalReader {
  readonly work: OcrWork = { fullReads: 0, bandReads: 0, copied: 0, calls: 0, fullFrameEquivalents: 0 };
  private last: { image: GrayImage; lines: OcrLine[] } | null = null;
  private readonly seen = new Map<string, ScreenReading>();

  constructor(private readonly mode: ReadMode) {}

  /** Forgets the last screen (it could not be read): the next one is read whole. */
  skip(): void {
    this.last = null;
  }

  /**
   * Reads `image` after the screens read before it; an abort of `signal` stops it before its next
   * call to tesseract. `whole`, if given, is the whole reading of `image` begun by a second reader
   * (wholeReadsAhead.ts): taken if the plan is `full`, as it is the same call; null if it failed.
   */
  async read(reader: TesseractWorker, image: GrayImage, signal?: AbortSignal, whole?: Promise<Reading | null>): Promise<ScreenReading> {
    const key = this.mode === 'incremental' ? fingerprint(image) : '';
    const known = this.seen.get(key);
    if (known) {
      this.work.copied++;
      this.last = { image, lines: known.lines };
      return known;
    }
    const plan = this.mode === 'incremental' ? planRead(this.last, image) : ({ kind: 'full' } as const);
    let reading: ScreenReading;
    switch (plan.kind) {
      case 'same': {
        this.work.copied++;
        reading = { ...textOfLines(this.last!.lines), lines: this.last!.lines };
        break;
      }
      case 'full': {
        this.work.fullReads++;
        this.work.calls++;
        this.work.fullFrameEquivalents += 1;
        reading = (await whole) ?? (await recognizeRect(reader, image, undefined, signal));
        break;
      }
      case 'bands': {
        this.work.bandReads++;
        const lines = [...plan.carried];
        for (const band of plan.bands) {
          this.work.calls++;
          this.work.fullFrameEquivalents += ((band.bottom - band.top) * (band.right - band.left)) / (image.height * image.width);
          lines.push(...(await recognizeRect(reader, image, band, signal)).lines);
        }
        // A band's own reading may have had too few lines to tell a sliver from a line.
        const ordered = withoutSlivers(inReadingOrder(lines));
        reading = { ...textOfLines(ordered), lines: ordered };
        break;
      }
    }
    if (this.mode === 'incremental') this.seen.set(key, reading);
    this.last = { image, lines: reading.lines };
    return reading;
  }
}
