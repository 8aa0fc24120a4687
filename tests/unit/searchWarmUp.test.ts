import { describe, expect, test } from 'vitest';
import { PostingsIndex } from '../../workers/search/postingsIndex.ts';
import type { CatalogEntry, SearchDb } from '../../workers/search/searchDb.ts';
import { decodePostings } from '../../workers/search/varint.ts';
import { madeUpPostings, warmUpSteps } from '../../workers/search/warmUp.ts';

/** A catalog of `sessions` sessions of 25 documents each, the first document its own, the rest chapters. */
function catalog(sessions: number): CatalogEntry[] {
  return Array.from({ length: sessions }, (_, s) => ({
    sessionId: `s${s}`,
    committedAt: 1,
    base: s * 25,
    documents: 25,
    kinds: new Uint8Array(25).map((_, d) => (d === 0 ? 0 : 1)),
    lengths: new Uint32Array(75).map((_, i) => 5 + ((s * 7 + i) % 90)),
    chars: 1000,
  }));
}

/** The index over a catalog alone: the warm-up reads no database. */
const indexOf = (entries: CatalogEntry[]) =>
  new PostingsIndex(null as unknown as SearchDb, entries, [], undefined, { maxCachedBytes: 0, compactAfterSegments: 8, maxFreshSegments: 4 });

describe('warmUpSteps', () => {
  test('ranks made-up terms down each path a query takes: the walk, and the dense scorer (two words, a filter, a wide prefix)', () => {
    const [first, ...paths] = [...warmUpSteps(indexOf(catalog(400)))];
    // The made-up postings are written in a step of their own.
    expect(first).toBe('postings');
    const round = paths.slice(0, 5);
    expect(round).toEqual(['walk', 'walk', 'dense', 'dense', 'dense']);
    // The same queries, round after round.
    expect(paths.length % 5).toBe(0);
    expect(paths.length).toBeGreaterThan(5);
    for (let i = 0; i < paths.length; i++) expect(paths[i]).toBe(round[i % 5]);
  });

  test('touches nothing of the index: no postings pending, no change to save, the same documents', () => {
    const index = indexOf(catalog(50));
    const live = index.documentCount();
    for (const _path of warmUpSteps(index));
    expect(index.documentCount()).toBe(live);
    expect(index.changed).toBe(false);
    expect(index.pendingPairs).toBe(0);
    expect(index.vocabulary.size).toBe(0);
  });

  test('a library with removed documents and gaps in its numbers is ranked over its live documents only', () => {
    const entries = catalog(60).filter((_, s) => s % 3 !== 1);
    const index = indexOf(entries);
    expect([...warmUpSteps(index)].length).toBeGreaterThan(0);
  });

  test('its common word is shaped as stored postings: several fields of a document, and codes of two bytes', () => {
    const index = indexOf(catalog(400));
    const [record] = [...madeUpPostings(index).entries()].find(([term]) => term.endsWith('common'))![1].stored;
    const docs = new Int32Array(record!.count);
    const codes = new Uint32Array(record!.count);
    decodePostings(record!.bytes, record!.count, docs, codes, 0, index.docs.limit);
    // A trace showed the first real query deoptimizing the walk where a document holds more than one
    // field, and where a code takes a second byte: the warm-up had shown neither.
    expect(docs.some((doc, i) => i > 0 && docs[i - 1] === doc)).toBe(true);
    expect(codes.some((code) => code >= 128)).toBe(true);
  });
});
