import type { PostingsIndex } from './postingsIndex.ts';
import { MAX_QUERY_WORDS, queryTerms } from './ranking.ts';
import { rankQuery, type RankedQuery } from './rankQuery.ts';
import type { QueryTerm } from './scoring.ts';
import type { PostingsRecord } from './searchDb.ts';

/** A term's postings as PostingsIndex.postings() hands them over. */
export type TermPostings = ReadonlyMap<string, { stored: PostingsRecord[]; pending?: number[] }>;

/**
 * Ranks a query's widened words over their postings, read: what a query and the warm-up
 * (warmUp.ts) share, so that the JIT compiles the ranking for the very shapes a query hands it.
 */
export function rankTerms(
  index: PostingsIndex,
  words: ReadonlyArray<ReadonlyMap<string, number>>,
  postings: TermPostings,
  limit: number,
  allowed: ReadonlySet<string> | null,
): RankedQuery & { terms: QueryTerm[] } {
  const terms: QueryTerm[] = queryTerms(words).map((term) => ({ ...term, ...postings.get(term.term)! }));
  const ranked = rankQuery(terms, Math.min(words.length, MAX_QUERY_WORDS), index.docs, allowed, limit, (sessionId) => index.catalog.get(sessionId));
  return { ...ranked, terms };
}
