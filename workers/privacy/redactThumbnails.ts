import type { SensitiveFinding } from '../../src/shared/privacy.ts';
import type { StoryboardRect, Thumbnail } from '../../src/shared/results.ts';
import { fillAreas } from './redactStoryboard.ts';

/** Thumbnail pixels added around each box: OCR boxes sit tight on the glyphs. */
const PAD = 1;

/** The areas of one thumbnail to fill: the boxes of the findings on its screen, scaled down. */
function thumbnailAreas(thumbnail: Thumbnail, findings: readonly SensitiveFinding[]): StoryboardRect[] {
  const boxes = findings.flatMap((f) => (f.place.source === 'screen' && f.place.mediaId === thumbnail.mediaId ? f.place.boxes : []));
  if (boxes.length === 0) return [];
  // Without the screenshot's size the words cannot be placed: the whole picture is filled.
  if (!thumbnail.sourceWidth) return [{ x: 0, y: 0, width: thumbnail.width, height: thumbnail.height }];
  const scale = thumbnail.width / thumbnail.sourceWidth;
  return boxes.map((box) => {
    const x = Math.max(0, Math.floor(box.left * scale) - PAD);
    const y = Math.max(0, Math.floor(box.top * scale) - PAD);
    const right = Math.min(thumbnail.width, Math.ceil((box.left + box.width) * scale) + PAD);
    const bottom = Math.min(thumbnail.height, Math.ceil((box.top + box.height) * scale) + PAD);
    return { x, y, width: right - x, height: bottom - y };
  });
}

/** The thumbnails with found and marked words filled; a thumbnail with nothing on it is kept as it is. */
export async function redactThumbnails(thumbnails: readonly Thumbnail[], findings: readonly SensitiveFinding[]): Promise<Thumbnail[]> {
  const out: Thumbnail[] = [];
  for (const thumbnail of thumbnails) out.push({ ...thumbnail, blob: await fillAreas(thumbnail.blob, thumbnailAreas(thumbnail, findings)) });
  return out;
}
