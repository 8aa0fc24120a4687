import type { SensitiveFinding } from '../../src/shared/privacy.ts';
import type { StoryboardRect, StoryboardResult } from '../../src/shared/results.ts';
import { findSensitive } from './findSensitive.ts';
import { hasPiece } from './redactText.ts';

/** Fill of a redacted area: opaque, so nothing of the text shows through. */
const FILL = '#000000';
/** Storyboard pixels added around each box: OCR boxes sit tight on the glyphs. */
const PAD = 2;

/** The areas of the storyboard to fill: found words on its pictures, and captions holding a value. */
export function storyboardAreas(
  storyboard: StoryboardResult,
  findings: readonly SensitiveFinding[],
  kept: ReadonlySet<string>,
  pieces: ReadonlySet<string> = new Set(),
): StoryboardRect[] | null {
  if (!storyboard.tiles || !storyboard.labels) return null;
  const areas: StoryboardRect[] = [];
  for (const tile of storyboard.tiles) {
    const boxes = findings.flatMap((f) => (f.place.source === 'screen' && f.place.mediaId === tile.mediaId ? f.place.boxes : []));
    if (boxes.length === 0) continue;
    // Without the screenshot's size the words cannot be placed: the whole picture is filled.
    if (tile.scale === null) {
      areas.push({ x: tile.x, y: tile.y, width: tile.width, height: tile.height });
      continue;
    }
    for (const box of boxes) {
      const x = Math.max(tile.x, Math.floor(tile.x + box.left * tile.scale) - PAD);
      const y = Math.max(tile.y, Math.floor(tile.y + box.top * tile.scale) - PAD);
      const right = Math.min(tile.x + tile.width, Math.ceil(tile.x + (box.left + box.width) * tile.scale) + PAD);
      const bottom = Math.min(tile.y + tile.height, Math.ceil(tile.y + (box.top + box.height) * tile.scale) + PAD);
      areas.push({ x, y, width: right - x, height: bottom - y });
    }
  }
  for (const label of storyboard.labels) {
    const values = findSensitive(label.text).map((f) => label.text.slice(f.start, f.end));
    // A keyword or title may hold a value split into words ("dana park"): such a caption is filled too.
    if (values.some((value) => !kept.has(value)) || hasPiece(label.text, pieces)) areas.push(label);
  }
  return areas;
}

/**
 * The storyboard PNG with `areas` filled, or the stored one when there is nothing to fill. Drawn
 * in the export worker, so the stored storyboard (shown in the app) stays as it was.
 */
export async function fillAreas(blob: Blob, areas: readonly StoryboardRect[]): Promise<Blob> {
  if (areas.length === 0) return blob;
  const bitmap = await createImageBitmap(blob);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D context for OffscreenCanvas.');
    context.drawImage(bitmap, 0, 0);
    context.fillStyle = FILL;
    for (const area of areas) context.fillRect(area.x, area.y, area.width, area.height);
    return await canvas.convertToBlob({ type: 'image/png' });
  } finally {
    bitmap.close();
  }
}
