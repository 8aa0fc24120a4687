/** Word error rate of a transcript against what was said. */
export interface WordErrors {
  /** Words said (the reference). */
  words: number;
  substitutions: number;
  deletions: number;
  insertions: number;
  /** (substitutions + deletions + insertions) / words; 0 is perfect, and it can pass 1. */
  rate: number;
}

/** Lower case, apostrophes kept, every other mark a space: "Friday." and "friday" are one word. */
export function normalizedWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .split(' ')
    .filter(Boolean);
}

/**
 * Word error rate by the fewest substitutions, deletions and insertions that turn the reference
 * into the hypothesis (Levenshtein over normalized words). Pure.
 */
export function wordErrors(reference: string, hypothesis: string): WordErrors {
  const ref = normalizedWords(reference);
  const hyp = normalizedWords(hypothesis);
  type Cell = { cost: number; s: number; d: number; i: number };
  let row: Cell[] = hyp.map((_, j) => ({ cost: j + 1, s: 0, d: 0, i: j + 1 }));
  row.unshift({ cost: 0, s: 0, d: 0, i: 0 });
  for (let r = 1; r <= ref.length; r++) {
    const next: Cell[] = [{ cost: r, s: 0, d: r, i: 0 }];
    for (let h = 1; h <= hyp.length; h++) {
      const diagonal = row[h - 1]!;
      const same = ref[r - 1] === hyp[h - 1];
      const options: Cell[] = [
        { ...diagonal, cost: diagonal.cost + (same ? 0 : 1), s: diagonal.s + (same ? 0 : 1) },
        { ...row[h]!, cost: row[h]!.cost + 1, d: row[h]!.d + 1 },
        { ...next[h - 1]!, cost: next[h - 1]!.cost + 1, i: next[h - 1]!.i + 1 },
      ];
      next.push(options.reduce((best, o) => (o.cost < best.cost ? o : best)));
    }
    row = next;
  }
  const end = row[hyp.length]!;
  return { words: ref.length, substitutions: end.s, deletions: end.d, insertions: end.i, rate: ref.length === 0 ? 0 : end.cost / ref.length };
}
