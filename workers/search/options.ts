import MiniSearch from 'minisearch';
import type { Options, SearchOptions } from 'minisearch';
import type { SearchDocument } from '../../src/shared/results.ts';
import { words } from '../text/tokenize.ts';
import { isFunctionWord } from './functionWords.ts';

/**
 * The version of how documents are read into terms (fields, tokenizer, the words left out). An index
 * built by another version is rebuilt from the stored results when it is opened (its built mark says
 * which). 2: only function words left out, not the summary's stopwords.
 */
export const SEARCH_ANALYZER_VERSION = 2;

/** How the index reads documents; the same for indexing and queries. */
export const INDEX_OPTIONS: Options<SearchDocument> = {
  fields: ['title', 'text', 'keywords'],
  storeFields: ['sessionId', 'kind', 'chapter', 'time', 'title'],
  tokenize: (text) => words(text),
  processTerm: (term) => (isFunctionWord(term.toLowerCase()) ? null : term.toLowerCase()),
  stringifyField: (value: unknown) => (Array.isArray(value) ? value.join(' ') : String(value ?? '')),
};

/**
 * Fuzzy (about one typo in five letters, for words of four letters or more) and prefix matching. A
 * longer word a query word begins, or one a typo away, counts a tenth of the word itself (MiniSearch
 * has 0.375 and 0.45, in the same ratio): with those, on the evaluation corpus, "code" led to the
 * page about codecs before the seven that showed "code", and 9 of 140 words typed whole did not
 * lead first to a screen that showed them (docs/quality.md, search).
 */
export const QUERY_OPTIONS: SearchOptions & { weights: { prefix: number; fuzzy: number } } = {
  prefix: true,
  fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
  boost: { title: 2, keywords: 1.5 },
  weights: { prefix: 0.1, fuzzy: 0.12 },
};

export function createIndex(): MiniSearch<SearchDocument> {
  return new MiniSearch<SearchDocument>(INDEX_OPTIONS);
}

/** Whether a value read from a stored result looks like a search document. */
export function isSearchDocument(value: unknown): value is SearchDocument {
  if (typeof value !== 'object' || value === null) return false;
  const doc = value as Partial<SearchDocument>;
  return typeof doc.id === 'string' && typeof doc.sessionId === 'string' && typeof doc.text === 'string' && typeof doc.title === 'string';
}
