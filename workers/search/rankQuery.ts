import { denseTopDocs } from './denseTop.ts';
import type { DocTable } from './docTable.ts';
import { planQuery } from './queryPlan.ts';
import { bestTopDocs, type RankedTop } from './ranking.ts';
import type { QueryTerm } from './scoring.ts';

/**
 * A one-word query widened (prefix, typos) to more terms than this is scored whole (denseTop.ts):
 * the walk probes each of its many short lists per candidate and costs more than adding them up.
 * At or below it, the walk (maxScore.ts) passes whole blocks of a common word undecoded.
 */
export const NARROW_WORD_TERMS = 16;

/** Which way a query is ranked; both give the same documents in the same order. */
export type RankPath = 'walk' | 'dense';

/**
 * The walk for one word of a few terms with no filter; every posting scored otherwise: several
 * words (each candidate of the rarest probed dozens of lists of the others), a wide word, or a
 * filter (the walk cannot pass other sessions' blocks). Measured in docs/benchmarks.md, scenario 10.
 */
export function rankPath(termCount: number, wordCount: number, filtered: boolean): RankPath {
  return wordCount === 1 && !filtered && termCount <= NARROW_WORD_TERMS ? 'walk' : 'dense';
}

/** The ranked documents of a query, and per term its pairs of removed documents (compaction reads them). */
export interface RankedQuery {
  top: RankedTop[];
  dead: number[];
  path: RankPath;
}

/** The best `limit` documents: all words (AND), or any of them when none has all, by the path rankPath() picks. */
export function rankQuery(
  terms: readonly QueryTerm[],
  wordCount: number,
  table: DocTable,
  allowed: ReadonlySet<string> | null,
  limit: number,
  rangeOf: (sessionId: string) => { base: number; documents: number } | undefined,
): RankedQuery {
  const plan = planQuery(terms, table);
  const dead = plan.terms.map((term) => term.dead);
  const path = rankPath(terms.length, wordCount, allowed !== null);
  if (path === 'dense') return { top: denseTopDocs(plan, wordCount, table, allowed, limit, rangeOf), dead, path };
  let top = bestTopDocs(plan, wordCount, 'AND', table, allowed, limit, rangeOf);
  if (top.length === 0) top = bestTopDocs(plan, wordCount, 'OR', table, allowed, limit, rangeOf);
  return { top, dead, path };
}
