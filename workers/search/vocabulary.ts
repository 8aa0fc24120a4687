import SearchableMap from 'minisearch/SearchableMap';
import type { SearchDocument } from '../../src/shared/results.ts';
import { INDEX_OPTIONS, QUERY_OPTIONS } from './options.ts';

/** How much a prefix or fuzzy match counts against the word itself. */
const PREFIX_WEIGHT = QUERY_OPTIONS.weights.prefix;
const FUZZY_WEIGHT = QUERY_OPTIONS.weights.fuzzy;
/** MiniSearch's default cap on the edit distance of a fuzzy match. */
const MAX_FUZZY = 6;

const tokenize = INDEX_OPTIONS.tokenize!;
const processTerm = INDEX_OPTIONS.processTerm!;
const stringify = INDEX_OPTIONS.stringifyField!;

/** The indexed terms of a text, each once. */
function termsOf(text: string, field: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text, field)) {
    const processed = processTerm(token, field);
    if (typeof processed === 'string') out.push(processed);
    else if (Array.isArray(processed)) out.push(...processed);
  }
  return out;
}

/**
 * Every term of the library, in one radix tree: a query's words are widened to the terms they
 * match by prefix or typo here once, and only those terms' postings are then read. Terms
 * are never taken out: a term of a removed session matches nothing.
 */
export class Vocabulary {
  /** The radix tree, built on first need: opening a library answers before its 30,000 terms are arranged. */
  private tree: SearchableMap<true> | null = null;
  /** Whether terms were added since it was last saved. */
  changed = false;

  constructor(private stored: readonly string[] = []) {}

  private get terms(): SearchableMap<true> {
    return this.build();
  }

  private build(): SearchableMap<true> {
    if (!this.tree) {
      this.tree = SearchableMap.from(this.stored.map((term) => [term, true as const]));
      this.stored = [];
    }
    return this.tree;
  }

  /** Builds the radix tree now (between calls, after opening) rather than in the first query. */
  prepare(): void {
    this.build();
  }

  get size(): number {
    return this.tree ? this.tree.size : this.stored.length;
  }

  add(documents: readonly SearchDocument[]): void {
    for (const doc of documents) {
      for (const field of INDEX_OPTIONS.fields) {
        for (const term of termsOf(stringify(doc[field as keyof SearchDocument], field), field)) {
          if (!this.terms.has(term)) {
            this.terms.set(term, true);
            this.changed = true;
          }
        }
      }
    }
  }

  /** Adds terms already read by the index's analyzer. */
  addTerms(terms: Iterable<string>): void {
    for (const term of terms) {
      if (!this.terms.has(term)) {
        this.terms.set(term, true);
        this.changed = true;
      }
    }
  }

  list(): string[] {
    return this.tree ? [...this.tree.keys()] : [...this.stored];
  }

  /**
   * The query's words (as the index reads them), each widened to the library's terms it matches
   * with MiniSearch's weight for that match: 1 exact, less for a longer word it begins, less again
   * for a typo (QUERY_OPTIONS.fuzzy).
   */
  expand(query: string): Array<Map<string, number>> {
    const fuzzyOf = QUERY_OPTIONS.fuzzy as (term: string, i: number, terms: string[]) => number | false;
    const words = termsOf(query, '');
    if (words.length === 0) return this.startOfWord(query);
    return words.map((word, i) => {
      const variants = this.longerWords(word, new Map([[word, 1]]));
      const fuzzy = fuzzyOf(word, i, words);
      const maxDistance = fuzzy === false ? 0 : fuzzy < 1 ? Math.min(MAX_FUZZY, Math.round(word.length * fuzzy)) : fuzzy;
      if (maxDistance > 0) {
        for (const [term, [, distance]] of this.terms.fuzzyGet(word, maxDistance)) {
          if (distance > 0 && !variants.has(term)) variants.set(term, (FUZZY_WEIGHT * term.length) / (term.length + distance));
        }
      }
      return variants;
    });
  }

  /**
   * A query of function words alone ("there", "over") is taken as a longer word being typed
   * ("therefore", "overview"): its last word widened by prefix to the longer terms, scored as any
   * prefix match. Nothing when no term is longer.
   */
  private startOfWord(query: string): Array<Map<string, number>> {
    const last = tokenize(query, '').at(-1)?.toLowerCase();
    if (!last) return [];
    const variants = this.longerWords(last, new Map());
    return variants.size > 0 ? [variants] : [];
  }

  /** Adds to `variants` the terms that begin with `word` and are longer, with a prefix match's weight. */
  private longerWords(word: string, variants: Map<string, number>): Map<string, number> {
    for (const term of this.terms.atPrefix(word).keys()) {
      const distance = term.length - word.length;
      if (distance > 0) variants.set(term, (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance));
    }
    return variants;
  }
}
