import { isDeepStrictEqual } from './deepEqual.ts';
import { analyze, type AnalyzedDocument } from '../workers/search/analyze.ts';
import { factsOf } from '../workers/search/facts.ts';
import { PostingsIndex } from '../workers/search/postingsIndex.ts';
import { COMPACT_AFTER_SEGMENTS, MAX_CACHED_BYTES, MAX_FRESH_SEGMENTS } from '../workers/search/library.ts';
import { openSearchDb, type BuiltMark } from '../workers/search/searchDb.ts';
import { SEARCH_ANALYZER_VERSION } from '../workers/search/options.ts';
import { isFunctionWord } from '../workers/search/functionWords.ts';
import { codeOf } from '../workers/search/varint.ts';
import { syntheticDocuments, syntheticSession, syntheticWords, sessionIdOf, type CorpusShape } from './searchCorpus.ts';

/** Sessions per saved segment: about what a real build holds before it saves (1,000,000 postings). */
const SEGMENT_SESSIONS = 230;

const stop = new Map<string, boolean>();
const isStop = (word: string) => {
  let known = stop.get(word);
  if (known === undefined) stop.set(word, (known = isFunctionWord(word)));
  return known;
};

/** analyze() for the synthetic words, which are already lowercase tokens: counts instead of a regex pass. */
function analyzeWords(title: readonly string[], text: readonly string[]): AnalyzedDocument {
  const terms = new Map<string, number[]>();
  [title, text].forEach((words, field) => {
    const counts = new Map<string, number>();
    for (const word of words) if (!isStop(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
    for (const [term, count] of counts) {
      const codes = terms.get(term);
      if (codes) codes.push(codeOf(field, count));
      else terms.set(term, [codeOf(field, count)]);
    }
  });
  return { lengths: [new Set(title).size, new Set(text).size, 0], terms };
}

/**
 * The fast path of scenario 10: sessions [from, to) indexed straight into the postings database
 * (no stored results, no regex tokenizer), through the index's own put, save and merge, so that
 * what is measured afterwards reads exactly what a real build writes. Checks once that its
 * analysis equals the real one.
 */
export async function writePostingsCorpus(dbName: string, from: number, to: number, shape: CorpusShape, needleAt: number): Promise<void> {
  const check = syntheticWords(from, shape, needleAt);
  const real = syntheticDocuments(from, shape, needleAt, check).map(analyze);
  if (!isDeepStrictEqual(real, check.map((doc) => analyzeWords(doc.title, doc.text)))) throw new Error('The bench’s fast analysis differs from analyze().');
  const search = await openSearchDb(dbName, () => {});
  try {
    const index = new PostingsIndex(search, [], [], undefined, { maxCachedBytes: MAX_CACHED_BYTES, compactAfterSegments: COMPACT_AFTER_SEGMENTS, maxFreshSegments: MAX_FRESH_SEGMENTS });
    for (let i = from; i < to; i++) {
      const words = syntheticWords(i, shape, needleAt);
      const documents = syntheticDocuments(i, shape, needleAt, words);
      index.putAnalyzed(sessionIdOf(i), 1, documents, words.map((doc) => analyzeWords(doc.title, doc.text)), factsOf(syntheticSession(i), undefined));
      if ((i - from + 1) % SEGMENT_SESSIONS === 0) await index.save('terms');
    }
    await index.save('terms');
    for (const term of await index.fragmentedTerms()) await index.compact(term);
    const mark: BuiltMark = { at: Date.now(), from: 'results', analyzer: SEARCH_ANALYZER_VERSION };
    await search.put('state', mark, 'built');
  } finally {
    search.close();
  }
}
