import type { Thumbnail } from '../../src/shared/results.ts';
import type { ImageSize } from './imageSize.ts';

/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 320;
/** WebP quality: small files, text still legible at 320 px. */
const WEBP_QUALITY = 0.8;

/**
 * A small WebP picture of a screenshot, at most THUMBNAIL_SIZE pixels on its longer side (never
 * enlarged), or a PNG where the browser cannot encode WebP. `size` is the header's size; `source`
 * an encoded image (resized as it is decoded) or one already decoded.
 * @throws when the browser cannot decode the image.
 */
export async function makeThumbnail(mediaId: string, source: Blob | ImageBitmap, size: ImageSize): Promise<Thumbnail> {
  const scale = Math.min(1, THUMBNAIL_SIZE / Math.max(size.width, size.height));
  const resize =
    size.width >= size.height
      ? { resizeWidth: Math.max(1, Math.round(size.width * scale)) }
      : { resizeHeight: Math.max(1, Math.round(size.height * scale)) };
  const bitmap = await createImageBitmap(source, { ...resize, resizeQuality: 'high' });
  try {
    // A JPEG's EXIF rotation may swap the sides the header gave: fit again to the decoded ones.
    const fit = Math.min(1, THUMBNAIL_SIZE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * fit));
    const height = Math.max(1, Math.round(bitmap.height * fit));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D context for OffscreenCanvas.');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const thumbnail = await canvas.convertToBlob({ type: 'image/webp', quality: WEBP_QUALITY });
    // The screenshot's own size in the decoded orientation: OCR boxes are in its pixels.
    const turned = size.width >= size.height !== bitmap.width >= bitmap.height;
    const source = turned ? { sourceWidth: size.height, sourceHeight: size.width } : { sourceWidth: size.width, sourceHeight: size.height };
    return { mediaId, blob: thumbnail, width, height, ...source };
  } finally {
    bitmap.close();
  }
}
