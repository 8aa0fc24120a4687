import type { SearchDocument } from '../../src/shared/results.ts';
import { INDEX_OPTIONS } from './options.ts';
import { codeOf } from './varint.ts';

/** The indexed fields, in the order of their numbers in a posting code. */
export const FIELDS = INDEX_OPTIONS.fields as ReadonlyArray<'title' | 'text' | 'keywords'>;

const tokenize = INDEX_OPTIONS.tokenize!;
const processTerm = INDEX_OPTIONS.processTerm!;
const stringify = INDEX_OPTIONS.stringifyField!;

/** What the index keeps of one document: each field's length and each term's codes (field and frequency). */
export interface AnalyzedDocument {
  /** Per field, distinct words before stopwords are dropped: MiniSearch's field length, so BM25 scores stay its own. */
  lengths: number[];
  /** Term → its codes in this document, one per field it occurs in, in field order. */
  terms: Map<string, number[]>;
}

/** Reads a document as MiniSearch's `add()` does (same tokenizer, term processing and field lengths). */
export function analyze(doc: SearchDocument): AnalyzedDocument {
  const lengths: number[] = [];
  const terms = new Map<string, number[]>();
  FIELDS.forEach((field, f) => {
    const value = doc[field];
    if (value == null) {
      lengths.push(0);
      return;
    }
    const tokens = tokenize(stringify(value, field), field);
    lengths.push(new Set(tokens).size);
    const counts = new Map<string, number>();
    for (const token of tokens) {
      const processed = processTerm(token, field);
      for (const term of Array.isArray(processed) ? processed : processed ? [processed] : []) counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    for (const [term, count] of counts) {
      const codes = terms.get(term);
      if (codes) codes.push(codeOf(f, count));
      else terms.set(term, [codeOf(f, count)]);
    }
  });
  return { lengths, terms };
}
