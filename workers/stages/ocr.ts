import type { OcrResult, ScreenText, VideoStageResult } from '../../src/shared/results.ts';
import { prepareFramePictures } from '../images/screenPictures.ts';
import { claimReadAhead } from '../ocr/readAhead.ts';
import { abortError, ScreenReadings } from '../ocr/screenReadings.ts';
import { screenSources } from '../video/screens.ts';
import type { StageFn } from '../stage.ts';

/**
 * Reads the text of every screenshot with tesseract (English, LSTM), in the session's order,
 * handing it only what is new (see workers/ocr/incrementalReader.ts); `params.ocr === 'full'`
 * reads every screen whole, as before. A screenshot that is not an image, is over
 * MAX_IMAGE_PIXELS or cannot be read gets a plain message and empty text; the others are still
 * read. The frames of a recording may already be read, or under way: the video stage starts
 * reading them as it keeps them (workers/ocr/readAhead.ts), and this stage carries on from there;
 * each screen's decode also makes the pictures the chapters stage needs (images/screenPictures.ts).
 * With a pool slot idle (`ctx.spareSlots`), a second tesseract worker reads the screens that are
 * surely read whole ahead of the chain; the text is the same.
 * Progress moves once per screenshot.
 */
export const ocrStage: StageFn = async (ctx): Promise<OcrResult> => {
  // Screenshots, then the frames the 'video' stage sampled: both are read the same way.
  const refs = screenSources(ctx);
  const mode = ctx.params.ocr === 'full' ? 'full' : 'incremental';
  const video = ctx.results.video as VideoStageResult | undefined;
  // With a pool slot idle, a second tesseract worker reads ahead the screens read whole (ocr/wholeReadsAhead.ts).
  const readings = claimReadAhead(video, refs, mode, ctx.signal) ?? new ScreenReadings(mode, ctx.signal, ctx.spareSlots ?? null);
  for (const ref of refs.slice(readings.ids.length)) readings.add(ref);
  readings.close();
  // Each screen read makes the chapters stage's pictures from its own decode; a repeated frame is
  // not read, so its pictures are made now, while tesseract reads in its own worker.
  prepareFramePictures(refs, ctx.signal).catch(() => {});
  const screens: ScreenText[] = [];
  try {
    for (const [i, ref] of refs.entries()) {
      if (ctx.signal.aborted) throw abortError();
      screens.push(await readings.textOf(ref.id));
      ctx.progress((i + 1) / refs.length);
    }
  } finally {
    // The second tesseract worker ends with the stage, whatever happened.
    readings.end();
  }
  return { screens, work: readings.work };
};
