import type { Thumbnail } from '../../src/shared/results.ts';
import { isBlank } from './blank.ts';
import { grayThumbnail } from './gray.ts';
import type { ScreenSource } from '../video/screens.ts';
import { checkImage, damagedImage, type ImageSize } from './imageSize.ts';
import { StageFailure } from '../stage.ts';
import { rowImage, type RowImage } from './scrollMatch.ts';
import { makeThumbnail } from './thumbnail.ts';

/** What the chapters stage makes of one screen's picture: three sizes of it, from one decode. */
export interface ScreenPictures {
  /** The 32×32 luminance square phash and isBlank read. */
  gray: Float32Array;
  /** The row image scroll matching reads; null for a blank screen, which is never compared. */
  rows: RowImage | null;
  thumbnail: Thumbnail;
}

/**
 * Pictures made or under way, by the blob they come from (a frame's blob lives as long as the
 * video stage's result) and the screen's id, which the thumbnail carries.
 */
const made = new WeakMap<Blob, Map<string, Promise<ScreenPictures>>>();

async function make(mediaId: string, blob: Blob, size: ImageSize, name: string): Promise<ScreenPictures> {
  // Decoded once and resized three times: a decode costs more than the three resizes together.
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    throw new StageFailure('permanent', damagedImage(name));
  }
  return makeFrom(mediaId, bitmap, size, name);
}

/** The three pictures of a decoded screen; closes `bitmap` once they are made. */
async function makeFrom(mediaId: string, bitmap: ImageBitmap, size: ImageSize, name: string): Promise<ScreenPictures> {
  try {
    const gray = await grayThumbnail(bitmap, name);
    const rows = isBlank(gray) ? null : await rowImage(bitmap, size, name);
    return { gray, rows, thumbnail: await makeThumbnail(mediaId, bitmap, size) };
  } finally {
    bitmap.close();
  }
}

/** The pictures of `mediaId` from `blob` made or under way, noted as such. */
function noted(mediaId: string, blob: Blob, start: () => Promise<ScreenPictures>): Promise<ScreenPictures> {
  let byId = made.get(blob);
  if (!byId) made.set(blob, (byId = new Map()));
  let pictures = byId.get(mediaId);
  if (!pictures) {
    pictures = start();
    // Seen by whoever asks for them; one made ahead that nobody asks for is not an unhandled rejection.
    pictures.catch(() => {});
    byId.set(mediaId, pictures);
  }
  return pictures;
}

/**
 * The pictures of screen `mediaId`, made once per blob: the OCR stage may start them for a
 * recording's frames while tesseract, not this worker, is busy, and the chapters stage then
 * finds them made. Rejects as the decoding does (StageFailure for a damaged image).
 */
export function screenPictures(mediaId: string, blob: Blob, size: ImageSize, name: string): Promise<ScreenPictures> {
  return noted(mediaId, blob, () => make(mediaId, blob, size, name));
}

/**
 * Makes the pictures of screen `mediaId` from `bitmap`, which the OCR stage decoded from `blob` for
 * its own reading, so the chapters stage finds them made and decodes nothing again. Takes `bitmap`
 * over: it is closed once they are made, or at once when they were made already.
 */
export function picturesFromDecoded(mediaId: string, blob: Blob, bitmap: ImageBitmap, size: ImageSize, name: string): void {
  let taken = false;
  noted(mediaId, blob, () => {
    taken = true;
    return makeFrom(mediaId, bitmap, size, name);
  });
  if (!taken) bitmap.close();
}

/** Whether the pictures of screen `mediaId` from `blob` are made or under way. For tests. */
export function picturesStarted(mediaId: string, blob: Blob): boolean {
  return made.get(blob)?.has(mediaId) ?? false;
}

/**
 * Makes the pictures of a recording's repeated frames one after the other, ahead of the chapters
 * stage, until `signal` aborts. OCR decodes every other screen and makes its pictures from that
 * decode (picturesFromDecoded), but gives a repeat the text of the frame it repeats, unread.
 */
export async function prepareFramePictures(refs: ScreenSource[], signal: AbortSignal): Promise<void> {
  for (const ref of refs) {
    if (signal.aborted) return;
    if (!ref.video || ref.repeatOf === undefined) continue;
    const blob = await ref.read();
    const check = await checkImage(blob, ref.name);
    // A failure is the chapters stage's to report, when it asks for these pictures again.
    if (check.ok) await screenPictures(ref.id, blob, check.size, ref.name).catch(() => {});
  }
}
