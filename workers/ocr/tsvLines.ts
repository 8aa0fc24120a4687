import type { OcrLine, OcrWord, PixelBox } from '../../src/shared/results.ts';

/** Tesseract's TSV level of a word row; lower levels (page, block, paragraph, line) carry no text. */
const WORD_LEVEL = '5';

function union(a: PixelBox, b: PixelBox): PixelBox {
  const left = Math.min(a.left, b.left);
  const top = Math.min(a.top, b.top);
  const right = Math.max(a.left + a.width, b.left + b.width);
  const bottom = Math.max(a.top + a.height, b.top + b.height);
  return { left, top, width: right - left, height: bottom - top };
}

/**
 * The lines of tesseract's TSV output (`GetTSVText`), each with its words and their boxes, in
 * reading order. TSV instead of the JSON block tree: it is a fraction of the size to build and
 * post, and word boxes are all redaction needs. Blank words (tesseract emits some) are dropped,
 * and so is a line left with none.
 */
export function linesFromTsv(tsv: string): OcrLine[] {
  const lines = new Map<string, OcrLine>();
  for (const row of tsv.split('\n')) {
    const cells = row.split('\t');
    // level page block paragraph line word left top width height confidence text
    if (cells.length < 12 || cells[0] !== WORD_LEVEL) continue;
    const text = cells.slice(11).join('\t').trim();
    if (text === '') continue;
    const [left, top, width, height, confidence] = cells.slice(6, 11).map(Number) as [number, number, number, number, number];
    if (![left, top, width, height].every(Number.isFinite)) continue;
    const word: OcrWord = { text, box: { left, top, width, height }, confidence: Math.max(0, Math.round(confidence * 10) / 10) };
    const key = cells.slice(1, 5).join('.');
    const line = lines.get(key);
    if (line) {
      line.words.push(word);
      line.text += ` ${text}`;
      line.box = union(line.box, word.box);
    } else {
      lines.set(key, { text, box: { ...word.box }, words: [word] });
    }
  }
  return [...lines.values()];
}
