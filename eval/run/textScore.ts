// The text part of the eval: the real transcript and summary stages, in Node, on three meetings in
// four forms (notes; WebVTT with speakers; SRT without punctuation; lowercase captions), scored
// against the planted commitments and decisions. Used by text.eval.ts (the figures) and by a
// regression guard in the unit tests.
import type { ActionItem, SummaryResult, TranscriptResult } from '../../src/shared/results.ts';
import type { MediaRef } from '../../src/shared/session.ts';
import { summaryStage } from '../../workers/stages/summary.ts';
import { transcriptStage } from '../../workers/stages/transcript.ts';
import { sentences } from '../../workers/text/tokenize.ts';
import { bareSession, stageContext } from '../../tests/fixtures/stageContext.ts';
import { fillerSentences } from './filler.ts';
import { MEETINGS, type Meeting, type Planted, type SpokenLine } from './meetings.ts';
import { renderTranscript, type TranscriptFormat } from './transcripts.ts';

/** Filler sentences per meeting, spoken and in notes. */
const FILLER = 8;

export type Source = 'notes' | TranscriptFormat;
export const SOURCES: Source[] = ['notes', 'vtt-speakers', 'srt-unpunctuated', 'vtt-lowercase'];

interface Expected {
  text: string;
  item: Planted;
  speaker?: string;
}

const norm = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Share of the planted line's words the item holds, if the line is at least a third of the item
 * (unless `anyLength`: then an item that merged it with other sentences counts too).
 */
function overlap(planted: string, item: string, anyLength = false): number {
  const want = norm(planted);
  const have = norm(item);
  if (want.length === 0 || (!anyLength && want.length * 3 < have.length)) return 0;
  const bag = new Map<string, number>();
  for (const w of have) bag.set(w, (bag.get(w) ?? 0) + 1);
  let hit = 0;
  for (const w of want) {
    const n = bag.get(w) ?? 0;
    if (n > 0) {
      hit++;
      bag.set(w, n - 1);
    }
  }
  return hit / want.length;
}

/** The spoken lines with filler read out among them (a line of filler after every third line). */
function spokenWithFiller(meeting: Meeting, seed: number): SpokenLine[] {
  const filler = fillerSentences(FILLER, seed);
  return meeting.spoken.flatMap((line, i) => {
    const extra = i % 3 === 2 ? filler[Math.floor(i / 3)] : undefined;
    return extra ? [line, { speaker: line.speaker, text: extra }] : [line];
  });
}

async function itemsOf(meeting: Meeting, source: Source, seed: number): Promise<{ summary: SummaryResult; expected: Expected[]; sentences: number }> {
  const startedAt = meeting.startedAt.getTime();
  if (source === 'notes') {
    const filler = fillerSentences(FILLER, seed + 100).join(' ');
    const notes = [...meeting.notes.map((line) => line.text), '', filler].join('\n');
    const summary = (await summaryStage(stageContext(bareSession({ title: meeting.title, startedAt, notes })))) as SummaryResult;
    const expected = meeting.notes.flatMap((line) => (line.item ? [{ text: line.text, item: line.item }] : []));
    return { summary, expected, sentences: sentences(notes).length };
  }
  const lines = spokenWithFiller(meeting, seed);
  const file = renderTranscript(lines, source);
  const ref: MediaRef = { id: 't1', name: file.name, kind: 'transcript', type: '', size: file.text.length, at: null };
  const session = bareSession({ title: meeting.title, startedAt, transcript: ref });
  const readMedia = async () => new Blob([file.text]);
  const transcript = (await transcriptStage(stageContext(session, { readMedia }))) as TranscriptResult;
  const summary = (await summaryStage(stageContext(session, { results: { transcript } }))) as SummaryResult;
  const tagged = source === 'vtt-speakers';
  const expected = lines.flatMap((line) => (line.item ? [{ text: line.text, item: line.item, ...(tagged ? { speaker: line.speaker } : {}) }] : []));
  return { summary, expected, sentences: lines.length };
}

export interface Score {
  source: Source;
  sentences: number;
  planted: number;
  found: number;
  /** Planted lines inside some item, however long (merged with the sentences around them). */
  inside: number;
  owners: number;
  ownersRight: number;
  dues: number;
  duesRight: number;
  decisions: number;
  decisionsRight: number;
  falseItems: number;
  longestSentence: number;
  longestItem: number;
  missed: string[];
  wrong: string[];
  falses: string[];
}

function score(source: Source, runs: Array<{ summary: SummaryResult; expected: Expected[]; sentences: number }>): Score {
  const s: Score = { source, sentences: 0, planted: 0, found: 0, inside: 0, owners: 0, ownersRight: 0, dues: 0, duesRight: 0, decisions: 0, decisionsRight: 0, falseItems: 0, longestSentence: 0, longestItem: 0, missed: [], wrong: [], falses: [] };
  for (const { summary, expected, sentences: count } of runs) {
    s.sentences += count;
    const items: ActionItem[] = summary.actionItems;
    const used = new Set<number>();
    for (const want of expected) {
      s.planted++;
      let best = -1;
      let bestScore = 0.8;
      for (const [i, item] of items.entries()) {
        const o = overlap(want.text, item.text);
        if (!used.has(i) && o >= bestScore) [best, bestScore] = [i, o];
      }
      const owner = want.item.owner === 'self' ? want.speaker : want.item.owner;
      if (owner !== undefined) s.owners++;
      if (want.item.due !== undefined) s.dues++;
      if (want.item.kind === 'decision') s.decisions++;
      if (items.some((item) => overlap(want.text, item.text, true) >= 0.8)) s.inside++;
      const got = items[best];
      if (!got) {
        s.missed.push(want.text);
        continue;
      }
      used.add(best);
      s.found++;
      const ownerRight = owner === undefined || got.owner?.toLowerCase() === owner.toLowerCase();
      const dueRight = want.item.due === undefined || got.due === want.item.due;
      const kindRight = (got.kind ?? 'action') === want.item.kind;
      if (owner !== undefined && ownerRight) s.ownersRight++;
      if (want.item.due !== undefined && dueRight) s.duesRight++;
      if (want.item.kind === 'decision' && kindRight) s.decisionsRight++;
      if (!ownerRight || !dueRight || !kindRight) s.wrong.push(`${want.text} → ${JSON.stringify({ kind: got.kind, owner: got.owner, due: got.due })}`);
    }
    for (const [i, item] of items.entries()) {
      if (used.has(i)) continue;
      s.falseItems++;
      s.falses.push(item.text.slice(0, 120));
    }
    const lengths = [...summary.sentences, ...summary.chapters.flatMap((c) => c.sentences)].map((x) => x.length);
    s.longestSentence = Math.max(s.longestSentence, ...lengths, 0);
    s.longestItem = Math.max(s.longestItem, ...items.map((item) => item.text.length), 0);
  }
  return s;
}


/** Every meeting in `source`'s form, run through the stages and scored. */
export async function scoreSource(source: Source): Promise<Score> {
  const runs = [];
  for (const [seed, meeting] of MEETINGS.entries()) runs.push(await itemsOf(meeting, source, seed));
  return score(source, runs);
}
