import type { OcrLine, PixelBox } from './results.ts';

const inside = (box: PixelBox, area: PixelBox): boolean => {
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  return x >= area.left && x <= area.left + area.width && y >= area.top && y <= area.top + area.height;
};

/**
 * The words of a screen inside the boxes a person marked (a word counts when its centre is in
 * one), as runs of neighbouring words per line: "Project Falcon", not "Project" and "Falcon".
 */
export function wordsInBoxes(lines: readonly OcrLine[], boxes: readonly PixelBox[]): string[] {
  const runs: string[] = [];
  for (const line of lines) {
    let run: string[] = [];
    for (const word of line.words) {
      if (boxes.some((area) => inside(word.box, area))) {
        run.push(word.text);
        continue;
      }
      if (run.length > 0) runs.push(run.join(' '));
      run = [];
    }
    if (run.length > 0) runs.push(run.join(' '));
  }
  return runs;
}

/**
 * `text` with each of `values` (what people marked, read back from the session's texts) replaced
 * by `[redacted]`, as written or with other spacing, in any case, as whole words.
 */
export function hideMarked(text: string, values: readonly string[]): string {
  const phrases = values.map((v) => v.trim()).filter((v) => v !== '');
  if (phrases.length === 0) return text;
  const escape = (part: string) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const body = [...phrases].sort((a, b) => b.length - a.length).map((phrase) => phrase.split(/\s+/).map(escape).join('\\s+')).join('|');
  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'giu'), '[redacted]');
}
