// Scores of the eval: OCR words against the DOM's words, chapter starts against the plan's.

// OCR is compared on lowercase words with punctuation stripped at both ends, as in the OCR tests.
import { words } from '../../tests/browser/fixtures/documents.ts';

/** How many of `wanted` (with repeats) are in `pool`. */
function found(wanted: string[], pool: string[]): number {
  const left = new Map<string, number>();
  for (const word of pool) left.set(word, (left.get(word) ?? 0) + 1);
  let n = 0;
  for (const word of wanted) {
    const k = left.get(word) ?? 0;
    if (k > 0) {
      n++;
      left.set(word, k - 1);
    }
  }
  return n;
}

export interface WordCounts {
  /** Fully visible words, and how many of them OCR read. */
  expected: number;
  recalled: number;
  /** Words OCR read, and how many of them are on screen (wholly or partly). */
  read: number;
  correct: number;
}

/**
 * Recall over the words wholly on screen; precision over everything OCR read, counting as right
 * any word at least partly on screen (a half-cut line may be read or not).
 */
export function wordCounts(full: string[], partial: string[], ocrText: string): WordCounts {
  const expected = full.flatMap(words);
  const read = words(ocrText);
  return { expected: expected.length, recalled: found(expected, read), read: read.length, correct: found(read, partial.flatMap(words)) };
}

export function addCounts(a: WordCounts, b: WordCounts): WordCounts {
  return { expected: a.expected + b.expected, recalled: a.recalled + b.recalled, read: a.read + b.read, correct: a.correct + b.correct };
}

export interface BoundaryScore {
  truth: number;
  predicted: number;
  hits: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 of predicted chapter starts (screen indexes, 0 left out) against true ones. */
export function boundaryScore(truth: number[], predicted: number[]): BoundaryScore {
  const want = new Set(truth.filter((i) => i > 0));
  const got = new Set(predicted.filter((i) => i > 0));
  const hits = [...got].filter((i) => want.has(i)).length;
  const precision = got.size === 0 ? (want.size === 0 ? 1 : 0) : hits / got.size;
  const recall = want.size === 0 ? 1 : hits / want.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truth: want.size, predicted: got.size, hits, precision, recall, f1 };
}

/** Sums several series' counts into one score. */
export function totalScore(scores: BoundaryScore[]): BoundaryScore {
  const truth = scores.reduce((n, s) => n + s.truth, 0);
  const predicted = scores.reduce((n, s) => n + s.predicted, 0);
  const hits = scores.reduce((n, s) => n + s.hits, 0);
  const precision = predicted === 0 ? 0 : hits / predicted;
  const recall = truth === 0 ? 1 : hits / truth;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truth, predicted, hits, precision, recall, f1 };
}
