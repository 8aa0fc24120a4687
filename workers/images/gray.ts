import { StageFailure } from '../stage.ts';
import { damagedImage } from './imageSize.ts';
import { pixelsOnWhite } from './canvas.ts';

/** Each output pixel averages this many decoded pixels per side, so thin text is not lost. */
const OVERSAMPLE = 4;

/**
 * Decodes an image (or takes one decoded) and shrinks it to a `size`×`size` luminance square
 * (row-major, 0..1, Rec. 601 weights), ignoring the aspect ratio as perceptual hashes do. Transparent areas count
 * as white. Works in workers (createImageBitmap + OffscreenCanvas).
 * @param name The file's name, for the error message.
 * @throws StageFailure('permanent') when the blob is not an image the browser can decode.
 */
export async function grayThumbnail(source: Blob | ImageBitmap, name: string, size = 32): Promise<Float32Array> {
  const side = size * OVERSAMPLE;
  let bitmap: ImageBitmap;
  try {
    // The browser resizes (as it decodes, from a blob): no full-size canvas or pixel copy on this side.
    bitmap = await createImageBitmap(source, {
      resizeWidth: side,
      resizeHeight: side,
      resizeQuality: 'high',
    });
  } catch {
    throw new StageFailure('permanent', damagedImage(name));
  }
  const rgba = pixelsOnWhite(bitmap);
  // A box filter on top of the browser's resize: its result does not depend on the resampler.
  const gray = new Float32Array(size * size);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const i = (y * side + x) * 4;
      const luma = 0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0);
      const cell = Math.floor(y / OVERSAMPLE) * size + Math.floor(x / OVERSAMPLE);
      gray[cell] = (gray[cell] ?? 0) + luma;
    }
  }
  const scale = 1 / (255 * OVERSAMPLE * OVERSAMPLE);
  for (let i = 0; i < gray.length; i++) gray[i] = (gray[i] ?? 0) * scale;
  return gray;
}
