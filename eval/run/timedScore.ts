// Chapter starts of a recording scored by time against the true changes.
import type { BoundaryScore } from './score.ts';

/**
 * A found chapter start is right when it lies within this many seconds of a true change. Frames
 * are probed every 0.5 s and a switch may show a loading page first: 1.5 s leaves room for both,
 * and is far shorter than any chapter of the corpus (9 s and more).
 */
export const BOUNDARY_TOLERANCE_SEC = 1.5;

/**
 * Precision, recall and F1 of chapter starts found in a recording (seconds) against the true
 * changes, matched one to one: closest pairs first, each within `tolerance` seconds.
 */
export function timedBoundaryScore(truth: number[], found: number[], tolerance: number): BoundaryScore {
  const pairs = truth
    .flatMap((t, i) => found.map((f, j) => ({ i, j, gap: Math.abs(t - f) })))
    .filter((p) => p.gap <= tolerance)
    .sort((a, b) => a.gap - b.gap);
  const usedTruth = new Set<number>();
  const usedFound = new Set<number>();
  for (const { i, j } of pairs) {
    if (usedTruth.has(i) || usedFound.has(j)) continue;
    usedTruth.add(i);
    usedFound.add(j);
  }
  const hits = usedTruth.size;
  const precision = found.length === 0 ? (truth.length === 0 ? 1 : 0) : hits / found.length;
  const recall = truth.length === 0 ? 1 : hits / truth.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truth: truth.length, predicted: found.length, hits, precision, recall, f1 };
}
