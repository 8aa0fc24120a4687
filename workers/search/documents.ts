import type { ResultRecord } from '../../src/shared/db.ts';
import type { IndexResult, SearchDocument } from '../../src/shared/results.ts';
import { isSearchDocument } from './options.ts';

/** The well-formed search documents of a stored result (the 'index' stage's), each once. */
export function documentsOf(record: ResultRecord | undefined): SearchDocument[] {
  const outcome = record?.outcomes.index;
  if (!record || outcome?.status !== 'done') return [];
  const documents = (outcome.result as Partial<IndexResult> | null)?.documents;
  if (!Array.isArray(documents)) return [];
  const seen = new Set<string>();
  return documents.filter((doc: unknown): doc is SearchDocument => {
    if (!isSearchDocument(doc) || doc.sessionId !== record.sessionId || seen.has(doc.id)) return false;
    seen.add(doc.id);
    return true;
  });
}

/** Characters a session's documents give the index to hold: the measure of the memory budget. */
export function charsOf(documents: readonly SearchDocument[]): number {
  let chars = 0;
  for (const doc of documents) chars += doc.title.length + doc.text.length + doc.keywords.join(' ').length;
  return chars;
}

/** The texts record of a session's documents: what snippets are cut from. */
export function textsOf(documents: readonly SearchDocument[]): Record<string, string> {
  return Object.fromEntries(documents.map((doc) => [doc.id, doc.text]));
}
