import { describe, expect, test } from 'vitest';
import { mulberry32, pick, type Random } from '../../workers/samples/random.ts';
import { planQuery } from '../../workers/search/queryPlan.ts';
import { bestDocs, bestTopDocs, queryTerms } from '../../workers/search/ranking.ts';
import { scoreQuery } from '../../workers/search/scoring.ts';
import { BLOCK_PAIRS, BLOCK_STRIDE, SKIP_HEADER, blockCount, buildSkips } from '../../workers/search/skips.ts';
import { ALL_FIELDS, END, TermCursor } from '../../workers/search/termCursor.ts';
import { codeOf, decodePostings, decodeRun, encodePostings } from '../../workers/search/varint.ts';
import { postingsLibrary, WORDS } from './fixtures/postingsLibrary.ts';

/** Random postings: ascending documents, one to three fields each, in field order. */
function randomPostings(random: Random, docs: number): number[] {
  const flat: number[] = [];
  for (let doc = 0; doc < docs; doc++) {
    if (random() < 0.4) continue;
    for (let field = 0; field < 3; field++) if (random() < 0.5) flat.push(doc, codeOf(field, 1 + Math.floor(random() * 9)));
  }
  return flat;
}

const lengthOf = (doc: number, field: number) => ((doc * 7 + field * 3) % 23) + 1;

describe('skip blocks', () => {
  test('buildSkips() - blocks end on document boundaries, decode alone to the record, and hold each field’s max frequency and min length', () => {
    const random = mulberry32(21);
    const flat = randomPostings(random, 2_000);
    const { bytes, count } = encodePostings(flat);
    const skips = buildSkips(bytes, count, 1 << 20, lengthOf);
    const blocks = blockCount(skips);
    expect(blocks).toBeGreaterThan(4);
    expect([0, 1, 2].map((f) => skips[f])).toEqual([0, 1, 2].map((f) => flat.filter((code, i) => i % 2 === 1 && (code & 3) === f).length));
    expect(skips[3]).toBe(flat[0]);
    const docs = new Int32Array(count);
    const codes = new Uint32Array(count);
    let pairStart = 0;
    for (let b = 0; b < blocks; b++) {
      const at = SKIP_HEADER + b * BLOCK_STRIDE;
      const [lastDoc, byteEnd, pairEnd] = [skips[at]!, skips[at + 1]!, skips[at + 2]!];
      const start = b === 0 ? 0 : skips[at - BLOCK_STRIDE + 1]!;
      const previous = b === 0 ? -1 : skips[at - BLOCK_STRIDE]!;
      expect(decodeRun(bytes, start, previous, pairEnd - pairStart, docs, codes, pairStart, 1 << 20)).toBe(byteEnd);
      expect(docs[pairEnd - 1]).toBe(lastDoc);
      if (b < blocks - 1) expect(pairEnd - pairStart).toBeGreaterThanOrEqual(BLOCK_PAIRS);
      for (let f = 0; f < 3; f++) {
        const inBlock = Array.from({ length: pairEnd - pairStart }, (_, i) => pairStart + i).filter((i) => (codes[i]! & 3) === f);
        expect(skips[at + 3 + f * 2]).toBe(Math.max(0, ...inBlock.map((i) => codes[i]! >>> 2)));
        if (inBlock.length > 0) expect(skips[at + 4 + f * 2]).toBe(Math.min(...inBlock.map((i) => lengthOf(docs[i]!, f))));
      }
      pairStart = pairEnd;
    }
    const whole = { docs: new Int32Array(count), codes: new Uint32Array(count) };
    decodePostings(bytes, count, whole.docs, whole.codes, 0, 1 << 20);
    expect([...docs]).toEqual([...whole.docs]);
    // No document is split between two blocks.
    for (let b = 0; b < blocks - 1; b++) expect(whole.docs[skips[SKIP_HEADER + b * BLOCK_STRIDE + 2]!]).toBeGreaterThan(skips[SKIP_HEADER + b * BLOCK_STRIDE]!);
    expect([...codes]).toEqual([...whole.codes]);
  });

  test('TermCursor - seek() and next() over several records, one field or all, find what a scan finds', () => {
    const random = mulberry32(5);
    const flat = randomPostings(random, 3_000);
    const cut = flat.findIndex((_, i) => i % 2 === 0 && flat[i]! >= 1_500);
    const parts = [flat.slice(0, cut), flat.slice(cut)];
    const chunks = parts.map((part) => {
      const { bytes, count } = encodePostings(part);
      return { bytes, count, skips: buildSkips(bytes, count, 1 << 20, lengthOf) };
    });
    for (const field of [ALL_FIELDS, 0, 1, 2]) {
      const docsOf = [...new Set(flat.filter((_, i) => i % 2 === 0 && (field === ALL_FIELDS || (flat[i + 1]! & 3) === field)))];
      const walked: number[] = [];
      const cursor = new TermCursor(chunks, 1 << 20, field);
      for (let doc = cursor.next(); doc !== END; doc = cursor.next()) walked.push(doc);
      expect(walked).toEqual(docsOf);
      const seeker = new TermCursor(chunks, 1 << 20, field);
      for (let target = 0; target < 3_100; target += 1 + Math.floor(random() * 90)) {
        const expected = docsOf.find((doc) => doc >= target) ?? END;
        expect(seeker.seek(target), `seek(${target}) in field ${field}`).toBe(expected);
        if (expected !== END && field !== ALL_FIELDS) expect(seeker.codes[seeker.pos]! & 3).toBe(field);
      }
    }
  });
});

describe('bestTopDocs()', () => {
  test.each([
    [1, 60],
    [2, 150],
    [3, 300],
  ])('the best 20 equal bestDocs() over scoreQuery(), scores to the last bit, for random queries (seed %i, %i sessions)', (seed, sessions) => {
    const { table, vocabulary, ranges, termOf } = postingsLibrary(seed, sessions);
    const random = mulberry32(seed * 100);
    const rangeOf = (id: string) => ranges.get(id);
    let compared = 0;
    for (let q = 0; q < 60; q++) {
      const wordsInQuery = 1 + Math.floor(random() * 3);
      const query = Array.from({ length: wordsInQuery }, () => {
        const w = pick(random, WORDS);
        const r = random();
        // Whole words, prefixes and typos.
        return r < 0.5 ? w : r < 0.8 ? w.slice(0, 3 + Math.floor(random() * 3)) : w.slice(0, 2) + w.slice(3);
      }).join(' ');
      const words = vocabulary.expand(query);
      if (words.length === 0) continue;
      const terms = queryTerms(words).map((term) => termOf(term.term, term.weight, term.words));
      const allowed = random() < 0.3 ? new Set([...ranges.keys()].filter(() => random() < 0.4)) : null;
      const limit = 1 + Math.floor(random() * 25);
      let scored = scoreQuery(terms, words.length, 'AND', table, allowed);
      let mode: 'AND' | 'OR' = 'AND';
      if (scored.length === 0) {
        scored = scoreQuery(terms, words.length, 'OR', table, allowed);
        mode = 'OR';
      }
      const expected = bestDocs(scored, table, limit).map((hit) => [hit.doc, hit.score]);
      const actual = bestTopDocs(planQuery(terms, table), words.length, mode, table, allowed, limit, rangeOf).map((hit) => [hit.doc, hit.score]);
      expect(actual, `"${query}" ${mode} limit ${limit}`).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(100);
  });
});
