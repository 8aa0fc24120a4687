import type { OcrLine, PixelBox } from '../../src/shared/results.ts';

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
