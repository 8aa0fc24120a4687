import type { EnricherDb, ResultRecord } from '../src/shared/db.ts';
import type { SearchDocument } from '../src/shared/results.ts';
import type { SessionRecord } from '../src/shared/session.ts';
import { mulberry32, type Random } from '../workers/samples/random.ts';

/** The shape of the synthetic library: the issue measured 25 documents of 250 words per session. */
export interface CorpusShape {
  documentsPerSession: number;
  wordsPerDocument: number;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'te', 'vi', 'do', 'pa', 'go', 'ber', 'tan', 'sel', 'mor', 'qui', 'zen', 'fal', 'dor', 'lin'];
/** Distinct words of the synthetic language; their use follows Zipf's law, as words of real text do. */
const VOCABULARY = 20_000;
/** A word in exactly one session: the needle the bench searches for. */
export const NEEDLE = 'zanzibarquix';

function vocabulary(): { words: string[]; cumulative: Float64Array } {
  const random = mulberry32(7);
  const words = new Set<string>();
  while (words.size < VOCABULARY) {
    const length = 2 + Math.floor(random() * 3);
    words.add(Array.from({ length }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join(''));
  }
  const cumulative = new Float64Array(VOCABULARY);
  let sum = 0;
  for (let rank = 0; rank < VOCABULARY; rank++) cumulative[rank] = sum += 1 / (rank + 1);
  return { words: [...words], cumulative };
}

const { words, cumulative } = vocabulary();

function zipfWord(random: Random): string {
  const target = random() * cumulative[VOCABULARY - 1]!;
  let lo = 0;
  let hi = VOCABULARY - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return words[lo]!;
}

/** Words of the synthetic language by rank: common ones first. */
export const wordAt = (rank: number) => words[rank]!;

export const sessionIdOf = (i: number) => `bench-ses-${String(i).padStart(5, '0')}`;

/** The words of each document of session `i` (title, text), drawn as syntheticResult draws them. */
export function syntheticWords(i: number, shape: CorpusShape, needleAt: number): Array<{ title: string[]; text: string[] }> {
  const random = mulberry32(1000 + i);
  return Array.from({ length: shape.documentsPerSession }, (_, d) => {
    const text = Array.from({ length: shape.wordsPerDocument }, () => zipfWord(random));
    if (i === needleAt && d === 3) text[17] = NEEDLE;
    return { text, title: [zipfWord(random), zipfWord(random)] };
  });
}

/** The search documents of session `i`, as the index stage would leave them. Session `needleAt` mentions NEEDLE. */
export function syntheticDocuments(i: number, shape: CorpusShape, needleAt: number, words = syntheticWords(i, shape, needleAt)): SearchDocument[] {
  const sessionId = sessionIdOf(i);
  return words.map(({ title, text }, d) => {
    const kind = d === 0 ? 'session' : d % 2 ? 'chapter' : 'cue';
    return { id: `${sessionId}:${kind}:${d}`, sessionId, kind, title: title.join(' '), text: text.join(' '), keywords: [], chapter: d, time: d * 30 };
  });
}

/** The stored result of session `i`, as the index stage would leave it. */
export function syntheticResult(i: number, shape: CorpusShape, needleAt: number): ResultRecord {
  const documents = syntheticDocuments(i, shape, needleAt);
  return { sessionId: sessionIdOf(i), jobId: `job-${i}`, attempt: 1, committedAt: 1, outcomes: { index: { status: 'done', result: { documents }, ms: 0 } } };
}

/** Tags of the synthetic sessions: one each, so a tag filter lets a quarter through. */
export const TAGS = ['finance', 'design', 'support', 'sales'];
/** Session i starts i hours after this: 10,000 sessions span about 14 months. */
export const FIRST_START = Date.UTC(2025, 0, 1);

/** The stored session of `i`: only what the filters read (start and tag) is meaningful. */
export function syntheticSession(i: number): SessionRecord {
  return {
    id: sessionIdOf(i),
    title: `Session ${i}`,
    source: 'import',
    startedAt: FIRST_START + i * 3_600_000,
    endedAt: null,
    notes: '',
    tags: [TAGS[i % TAGS.length]!],
    screenshots: [],
    audio: [],
    transcript: null,
    importedAt: 1,
    warnings: [],
  };
}

/** Stores the sessions and results of [from, to) in transactions of 100. */
export async function storeCorpus(db: EnricherDb, from: number, to: number, shape: CorpusShape, needleAt: number): Promise<void> {
  for (let start = from; start < to; start += 100) {
    const tx = db.transaction(['sessions', 'results'], 'readwrite');
    for (let i = start; i < Math.min(to, start + 100); i++) {
      void tx.objectStore('sessions').put(syntheticSession(i));
      void tx.objectStore('results').put(syntheticResult(i, shape, needleAt));
    }
    await tx.done;
  }
}
