import { mulberry32 } from '../samples/random.ts';
import type { PostingsIndex } from './postingsIndex.ts';
import type { RankPath } from './rankQuery.ts';
import { rankTerms } from './rankTerms.ts';
import type { PostingsRecord } from './searchDb.ts';
import { buildSkips } from './skips.ts';
import { codeOf, encodePostings } from './varint.ts';

/**
 * V8 optimizes a loop only once it has run hot, compiling it on a background thread meanwhile. A
 * search worker's first queries over a big library therefore ranked in unoptimized code, 3–4× slower:
 * a common word of a 10,000-session library ranked in 40–50 ms asked first and 10–13 ms once the JIT
 * had compiled the walk (a V8 trace showed topDocs compiled by TurboFan during that first query). So
 * a big library, as it opens, ranks made-up terms over its own documents a few times (the walk, the
 * dense scorer with and without a filter, a wide prefix), with postings shaped as stored ones and
 * through the code a query takes: the first real query finds the loops compiled for its shapes.
 */

/** A library with at least this many documents is warmed up as it opens; a smaller one ranks fast anyway. */
export const WARM_UP_FROM_DOCUMENTS = 20_000;

/** Each query is ranked this many times: enough for V8 to optimize the loops. */
const ROUNDS = 4;
/** Pairs of the made-up common word, at most: a few milliseconds of ranking once compiled. */
const COMMON_PAIRS = 10_000;
const PREFIX_TERMS = 20;
const VARIANTS = 6;
/** No analyzed word holds a NUL: the made-up terms cannot meet real ones. */
const TAG = '\u0000warm:';

/**
 * Postings of made-up terms over the live documents: a word in many of them, one in a few, and a
 * family of rare words sharing a prefix, each record passed through the structured clone as
 * IndexedDB hands records over.
 */
export function madeUpPostings(index: PostingsIndex): Map<string, { stored: PostingsRecord[] }> {
  const table = index.docs;
  const random = mulberry32(16);
  const live = Math.max(1, table.live);
  const shares = new Map<string, number>([
    [`${TAG}common`, Math.min(0.5, COMMON_PAIRS / live)],
    [`${TAG}middle`, Math.min(0.05, COMMON_PAIRS / 10 / live)],
    // Variants a typo or a longer word adds to a word: a common word is walked with a few of them.
    ...Array.from({ length: VARIANTS }, (_, i): [string, number] => [`${TAG}v${i}`, Math.min(0.02, COMMON_PAIRS / 25 / live)]),
    // The prefix itself, as a word typed but not a term: no postings, as postings() answers for it.
    [`${TAG}p`, 0],
    ...Array.from({ length: PREFIX_TERMS }, (_, i): [string, number] => [`${TAG}p${String.fromCharCode(97 + i)}`, Math.min(0.005, COMMON_PAIRS / 100 / live)]),
  ]);
  const alive = table.alive;
  const flats = new Map<string, number[]>();
  for (const [term, share] of shares) {
    const flat: number[] = [];
    // Random gaps of about 1.5 / share documents, 1.5 pairs a document: `share` pairs a document in
    // all, in a pass over the term's pairs, not over the library.
    const gap = share > 0 ? 3 / share : Infinity;
    for (let doc = Math.floor(random() * gap); doc < table.limit; doc += 1 + Math.floor(random() * gap)) {
      if (alive[doc] !== 1) continue;
      // As stored: a pair per field the word is in (fields in order), now and then a frequency whose
      // code takes two bytes. Loops that never saw either were deoptimized by the first real query.
      const first = Math.floor(random() * 3);
      const last = first + Math.floor(random() * (3 - first));
      for (let field = first; field <= last; field++) flat.push(doc, codeOf(field, random() < 0.05 ? 32 + Math.floor(random() * 20) : 1 + Math.floor(random() * 3)));
    }
    flats.set(term, flat);
  }
  const lengthOf = (doc: number, field: number) => table.lengthOf(doc, field);
  const out = new Map<string, { stored: PostingsRecord[] }>();
  for (const [term, flat] of flats) {
    const { bytes, count } = encodePostings(flat);
    const record: PostingsRecord = structuredClone({ segment: 0, first: 0, count, bytes, skips: buildSkips(bytes, count, table.limit, lengthOf) });
    out.set(term, { stored: count > 0 ? [record] : [] });
  }
  return out;
}

/** A word widened as Vocabulary.expand() widens one: itself first, then the terms it stands for. */
function word(first: string, more: readonly string[] = []): Map<string, number> {
  const variants = new Map<string, number>([[first, 1]]);
  for (const term of more) variants.set(term, 0.3);
  return variants;
}

/** The made-up ranking a query at a time, yielding the path each took, after a step that writes the made-up postings. */
export function* warmUpSteps(index: PostingsIndex): Generator<'postings' | RankPath> {
  const postings = madeUpPostings(index);
  yield 'postings';
  const half = new Set([...index.catalog.keys()].filter((_, i) => i % 2 === 0));
  const variants = [...postings.keys()].filter((term) => term.startsWith(`${TAG}v`));
  const prefixed = [...postings.keys()].filter((term) => term.startsWith(`${TAG}p`) && term !== `${TAG}p`);
  const queries: Array<{ words: Array<Map<string, number>>; allowed: ReadonlySet<string> | null }> = [
    { words: [word(`${TAG}common`, variants)], allowed: null },
    { words: [word(`${TAG}middle`)], allowed: null },
    { words: [word(`${TAG}common`, variants.slice(0, 3)), word(`${TAG}middle`, variants.slice(3))], allowed: null },
    { words: [word(`${TAG}common`)], allowed: half },
    { words: [word(`${TAG}p`, prefixed)], allowed: null },
  ];
  for (let round = 0; round < ROUNDS; round++) {
    for (const { words, allowed } of queries) yield rankTerms(index, words, postings, 20, allowed).path;
  }
}
