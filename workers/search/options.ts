import MiniSearch from 'minisearch';
import type { Options, SearchOptions } from 'minisearch';
import type { SearchDocument } from '../../src/shared/results.ts';
import { isStopword } from '../text/stopwords.ts';
import { words } from '../text/tokenize.ts';

/**
 * The version of the persisted index. Bump it whenever the fields, the tokenizer or the stored
 * fields change: an index of another version is rebuilt from the stored results.
 */
export const SEARCH_INDEX_VERSION = 1;

/** How the index reads documents; the same for indexing and queries. */
export const INDEX_OPTIONS: Options<SearchDocument> = {
  fields: ['title', 'text', 'keywords'],
  storeFields: ['sessionId', 'kind', 'chapter', 'time', 'title'],
  tokenize: (text) => words(text),
  processTerm: (term) => (isStopword(term) ? null : term.toLowerCase()),
  stringifyField: (value: unknown) => (Array.isArray(value) ? value.join(' ') : String(value ?? '')),
};

/** Fuzzy (about one typo in five letters, for words of four letters or more) and prefix matching. */
export const QUERY_OPTIONS: SearchOptions = {
  prefix: true,
  fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
  boost: { title: 2, keywords: 1.5 },
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
