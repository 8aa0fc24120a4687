// Search on real material: queries a person would type for words they saw on screen, and whether
// the hits lead to a place where the word really was. Pure, so the rules are unit tested.
import { mulberry32 } from '../../workers/samples/random.ts';
import { isFunctionWord } from '../../workers/search/functionWords.ts';
import { words } from '../../workers/text/tokenize.ts';

/**
 * `word`: a word as seen; `prefix`: its first letters, as a search box sees them while it is typed;
 * `typo`: the word with one letter left out.
 */
export type QueryKind = 'word' | 'prefix' | 'typo';

export interface SearchQuery {
  kind: QueryKind;
  /** What is typed. */
  text: string;
  /** The word seen on screen: a place is right when it shows it (for a prefix, any word it begins). */
  target: string;
  /** The session the word was taken from. */
  sessionId: string;
}

/** Letters typed before a prefix query is counted: enough to narrow, as a person types. */
export const PREFIX_LETTERS = 5;

/** The terms wholly on screen in each chapter of a session (chapters by index). */
export interface SessionPlaces {
  sessionId: string;
  chapters: Array<ReadonlySet<string>>;
}

/** The words of a text a person might search for: lowercase, four letters or more, not a function word or a number. */
export function searchableTerms(text: string): string[] {
  return words(text).filter((term) => term.length >= 4 && /\p{L}/u.test(term) && !isFunctionWord(term));
}

/**
 * Up to `perKind` queries of each kind for one session, from the words on its screens, drawn with a
 * fixed seed. A typo is never a word of `vocabulary` (it would be a right word, not a typo).
 */
export function queriesFor(sessionId: string, terms: readonly string[], vocabulary: ReadonlySet<string>, perKind: number, seed: number): SearchQuery[] {
  const random = mulberry32(seed);
  const pool = [...new Set(terms)].sort();
  const draw = (candidates: string[]): string[] => {
    const left = [...candidates];
    const out: string[] = [];
    while (out.length < perKind && left.length > 0) out.push(left.splice(Math.floor(random() * left.length), 1)[0]!);
    return out;
  };
  const queries: SearchQuery[] = draw(pool).map((term) => ({ kind: 'word', text: term, target: term, sessionId }));
  for (const term of draw(pool.filter((t) => t.length >= PREFIX_LETTERS + 2))) {
    queries.push({ kind: 'prefix', text: term.slice(0, PREFIX_LETTERS), target: term.slice(0, PREFIX_LETTERS), sessionId });
  }
  for (const term of draw(pool.filter((t) => t.length >= 6))) {
    const at = 1 + Math.floor(random() * (term.length - 2));
    const text = term.slice(0, at) + term.slice(at + 1);
    if (!vocabulary.has(text)) queries.push({ kind: 'typo', text, target: term, sessionId });
  }
  return queries;
}

/** Whether a place's terms hold what the query looked for. */
export function shows(terms: ReadonlySet<string>, query: SearchQuery): boolean {
  if (query.kind !== 'prefix') return terms.has(query.target);
  for (const term of terms) if (term.startsWith(query.target)) return true;
  return false;
}

/** A hit's place: a chapter, or (a session's own document, a transcript stretch) the whole session. */
export interface HitPlace {
  sessionId: string;
  chapter: number | null;
}

/** Whether a hit leads to a place where the query's word was on screen. */
export function isRight(hit: HitPlace, query: SearchQuery, places: ReadonlyMap<string, SessionPlaces>): boolean {
  const session = places.get(hit.sessionId);
  if (!session) return false;
  if (hit.chapter !== null) {
    const chapter = session.chapters[hit.chapter];
    return chapter !== undefined && shows(chapter, query);
  }
  return session.chapters.some((chapter) => shows(chapter, query));
}

/** How one query fared. */
export interface QueryOutcome {
  query: SearchQuery;
  /** Some hit leads to a right place. */
  found: boolean;
  /** The first hit does. */
  firstRight: boolean;
  /** Some hit is in the session the word was taken from, at a right place. */
  sourceFound: boolean;
  /** Hits in all, and the first hit's place, for reading the misses. */
  hits: number;
  first: HitPlace | null;
  /** Whether the word was on screen anywhere in the library (a query with no right place cannot be found). */
  answerable: boolean;
}

export function judge(query: SearchQuery, hits: readonly HitPlace[], places: ReadonlyMap<string, SessionPlaces>): QueryOutcome {
  const right = hits.map((hit) => isRight(hit, query, places));
  return {
    query,
    found: right.some(Boolean),
    firstRight: right[0] === true,
    sourceFound: hits.some((hit, i) => right[i] && hit.sessionId === query.sessionId),
    hits: hits.length,
    first: hits[0] ? { sessionId: hits[0].sessionId, chapter: hits[0].chapter } : null,
    answerable: [...places.values()].some((session) => session.chapters.some((chapter) => shows(chapter, query))),
  };
}

export interface KindScore {
  queries: number;
  found: number;
  firstRight: number;
  sourceFound: number;
}

/** Totals per kind of query. */
export function scoreByKind(outcomes: readonly QueryOutcome[]): Record<QueryKind, KindScore> {
  const score = (): KindScore => ({ queries: 0, found: 0, firstRight: 0, sourceFound: 0 });
  const out: Record<QueryKind, KindScore> = { word: score(), prefix: score(), typo: score() };
  for (const outcome of outcomes) {
    const s = out[outcome.query.kind];
    s.queries++;
    if (outcome.found) s.found++;
    if (outcome.firstRight) s.firstRight++;
    if (outcome.sourceFound) s.sourceFound++;
  }
  return out;
}
