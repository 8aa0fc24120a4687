import { isStopword } from './stopwords.ts';
import { stem, words } from './tokenize.ts';

const DAMPING = 0.85;
const MAX_ITERATIONS = 50;
const TOLERANCE = 1e-6;

/** The distinct stems of a sentence's content words. */
function contentStems(sentence: string): string[] {
  return [...new Set(words(sentence).filter((w) => !isStopword(w) && !/^\d+$/.test(w)).map(stem))];
}

/**
 * Picks the `limit` most central sentences by TextRank (Mihalcea & Tarau, 2004): sentences are
 * nodes, linked by the content words they share, ranked by weighted PageRank. Here the link of
 * two sentences is Σ over shared words of a(i)·a(j), with a(i) = 1 / ln(2 + words in i) so that
 * long sentences do not win by length alone; written as W = A·Aᵀ without its diagonal, every
 * iteration costs one pass over the words of all sentences instead of one per pair, so an hour of
 * transcript stays cheap. Returns indexes into `sentences`, in their original order.
 * Deterministic: ties go to the earlier sentence.
 */
export function rankSentences(sentences: readonly string[], limit: number): number[] {
  const n = sentences.length;
  if (n <= limit) return sentences.map((_, i) => i);
  const stems = sentences.map(contentStems);
  const weight = stems.map((list) => 1 / Math.log(2 + list.length));
  // Words as columns of A: which sentences hold them.
  const columns = new Map<string, number[]>();
  for (const [i, list] of stems.entries()) {
    for (const s of list) {
      const column = columns.get(s);
      if (column) column.push(i);
      else columns.set(s, [i]);
    }
  }
  const postings = [...columns.values()];
  // A word's total weight over its sentences; a sentence links to others through it by the rest.
  const columnSum = postings.map((column) => column.reduce((sum, i) => sum + (weight[i] ?? 0), 0));
  const out = new Array<number>(n).fill(0);
  for (const [w, column] of postings.entries()) {
    for (const i of column) out[i] = (out[i] ?? 0) + (weight[i] ?? 0) * ((columnSum[w] ?? 0) - (weight[i] ?? 0));
  }

  let scores = new Array<number>(n).fill(1);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    // y = score / out-weight; then W·y = A·(Aᵀ·y) − diag(A·Aᵀ)·y.
    const y = scores.map((score, i) => ((out[i] ?? 0) > 0 ? score / (out[i] ?? 1) : 0));
    const next = new Array<number>(n).fill(0);
    for (const column of postings) {
      let z = 0;
      for (const j of column) z += (weight[j] ?? 0) * (y[j] ?? 0);
      for (const i of column) next[i] = (next[i] ?? 0) + (weight[i] ?? 0) * (z - (weight[i] ?? 0) * (y[i] ?? 0));
    }
    let change = 0;
    for (let i = 0; i < n; i++) {
      const value = 1 - DAMPING + DAMPING * (next[i] ?? 0);
      change += Math.abs(value - (scores[i] ?? 0));
      next[i] = value;
    }
    scores = next;
    if (change < TOLERANCE) break;
  }
  return scores
    .map((score, i) => ({ score, i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, limit)
    .map(({ i }) => i)
    .sort((a, b) => a - b);
}
