/// <reference lib="webworker" />
import { packLines, unpackLines } from '../src/shared/packedLines.ts';
import type { StageOutcome } from '../src/shared/protocol.ts';
import type { OcrLine, OcrResult, PackedLines, ScreenText } from '../src/shared/results.ts';
import { storedLines } from '../src/shared/screenLines.ts';
import { mulberry32, type Random } from '../workers/samples/random.ts';

/** How OCR lines travel: as objects per word (before stop 43) or packed. */
export type LinesForm = 'plain' | 'packed';

/** What the page asks (bench/packedLinesPage.ts). */
export type PackedLinesRequest = { kind: 'build'; screens: number; lines: number; words: number } | { kind: 'send'; form: LinesForm } | { kind: 'unpack'; runs: number };

const VOCABULARY = (() => {
  const random = mulberry32(43);
  const letters = 'etaoinshrdlcumwfgypbvkjxqz';
  return Array.from({ length: 2000 }, () => Array.from({ length: 2 + Math.floor(random() * 9) }, () => letters[Math.floor(random() ** 2 * 26)]).join(''));
})();

/** A full-HD screen of `lineCount` lines of `wordCount` words, placed and scored as tesseract would. */
function screenLines(random: Random, lineCount: number, wordCount: number): OcrLine[] {
  return Array.from({ length: lineCount }, (_, l) => {
    const top = 40 + l * 25;
    let left = 24 + Math.floor(random() * 40);
    const words = Array.from({ length: wordCount }, () => {
      const text = VOCABULARY[Math.floor(random() * VOCABULARY.length)]!;
      const box = { left, top: top + Math.floor(random() * 3), width: text.length * 11 + 2, height: 18 + Math.floor(random() * 4) };
      left += box.width + 9;
      return { text, box, confidence: Math.round(600 + random() * 400) / 10 };
    });
    const last = words[words.length - 1]!.box;
    return { text: words.map((w) => w.text).join(' '), box: { left: words[0]!.box.left, top, width: last.left + last.width - words[0]!.box.left, height: 22 }, words };
  });
}

let plain: ScreenText[] = [];
let packed: ScreenText[] = [];

/** The run's response as the enrichment worker returns it: the OCR stage's outcome. */
const response = (screens: ScreenText[]): { outcomes: Record<string, StageOutcome> } => {
  const result: OcrResult = { screens, work: { fullReads: screens.length, bandReads: 0, copied: 0, calls: screens.length, fullFrameEquivalents: screens.length } };
  return { outcomes: { ocr: { status: 'done', result, ms: 1 } } };
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function repeat(times: number, run: () => void): void {
  for (let i = 0; i < times; i++) run();
}

function timed(run: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

self.onmessage = (event: MessageEvent<PackedLinesRequest>) => {
  const request = event.data;
  switch (request.kind) {
    case 'build': {
      const random = mulberry32(7);
      plain = Array.from({ length: request.screens }, (_, i) => {
        const lines = screenLines(random, request.lines, request.words);
        return { mediaId: `shot-${i}`, text: lines.map((line) => line.text).join('\n'), confidence: 80, lines };
      });
      const started = performance.now();
      packed = plain.map(({ lines, ...screen }) => ({ ...screen, ...storedLines(lines!) }));
      const packMs = performance.now() - started;
      const one = packed[0]!.packedLines!;
      const bytes = (p: PackedLines) => p.texts.length + p.textLengths.byteLength + p.wordCounts.byteLength + p.boxes.byteLength + p.confidences.byteLength;
      self.postMessage({ packMs, packedBytesPerScreen: bytes(one), wordsPerScreen: request.lines * request.words, boxes: one.boxes.constructor.name, confidences: one.confidences.constructor.name });
      break;
    }
    case 'send':
      self.postMessage(response(request.form === 'plain' ? plain : packed));
      break;
    case 'unpack': {
      const first = packed[0]!.packedLines!;
      // Checked once, so the figures are of a correct unpacking.
      if (JSON.stringify(unpackLines(first)) !== JSON.stringify(plain[0]!.lines)) throw new Error('unpacked lines differ');
      // One screen is under the timer's resolution: timed a hundred times over.
      const oneMs = timed(() => repeat(100, () => unpackLines(first)), request.runs) / 100;
      const allMs = timed(() => packed.forEach((screen) => unpackLines(screen.packedLines!)), request.runs);
      const packOneMs = timed(() => repeat(100, () => packLines(plain[0]!.lines!)), request.runs) / 100;
      self.postMessage({ oneMs, allMs, packOneMs });
      break;
    }
  }
};
