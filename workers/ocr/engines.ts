import type { GrayImage } from './grayImage.ts';
import { ppocrModel } from './ppocr/model.ts';
import { readWithPpocr } from './ppocr/readPpocr.ts';
import type { Band } from './readPlan.ts';
import { recognizeRows, type Reading } from './recognize.ts';
import { resetTesseract, tesseract } from './tesseract.ts';

/** The text readers the OCR stage can use: `params.ocrEngine`, tesseract by default. */
export type OcrEngine = 'tesseract' | 'ppocr';

/** Reads rows of a screen (the whole screen without `band`); boxes in the whole screen's pixels. */
export type ReadRows = (image: GrayImage, band?: Band) => Promise<Reading>;

/** The engine a job's params ask for; anything else is tesseract. */
export function engineOf(params: Record<string, unknown>): OcrEngine {
  return params.ocrEngine === 'ppocr' ? 'ppocr' : 'tesseract';
}

/**
 * The row reader of `engine` in this pool worker, started on first use and reused. Each engine
 * loads its runtime and model on first use: a worker that reads with one never fetches the other.
 */
export async function startReader(engine: OcrEngine): Promise<ReadRows> {
  switch (engine) {
    case 'tesseract': {
      const worker = await tesseract();
      return (image, band) => recognizeRows(worker, image, band);
    }
    case 'ppocr': {
      const model = await ppocrModel();
      return (image, band) => readWithPpocr(model, image, band);
    }
  }
}

/** Drops the engine's reader after a failure it may not have recovered from; the next start makes another. */
export async function resetReader(engine: OcrEngine): Promise<void> {
  // PP-OCR's sessions hold no state between runs: only tesseract's worker can be left broken.
  if (engine === 'tesseract') await resetTesseract();
}
