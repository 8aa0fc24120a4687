import type {
  ChaptersResult,
  IndexResult,
  OcrResult,
  SearchDocument,
  SummaryResult,
  TranscriptCue,
  TranscriptResult,
} from '../../src/shared/results.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import { mapStrings } from '../privacy/redactText.ts';
import { redactsEverywhere, stageRedactor } from '../privacy/stageRedaction.ts';
import type { StageFn } from '../stage.ts';
import { clock } from '../../src/shared/clock.ts';

/** A transcript document covers at most this stretch of speech, so a hit lands near its moment. */
export const CUE_GROUP_SECONDS = 30;
/** …and at most this much text. */
export const CUE_GROUP_CHARS = 600;

/** Consecutive cues of one chapter, grouped into stretches of at most 30 s and 600 characters. */
function cueGroups(cues: readonly TranscriptCue[]): TranscriptCue[][] {
  const groups: TranscriptCue[][] = [];
  let group: TranscriptCue[] = [];
  let chars = 0;
  for (const cue of cues) {
    const first = group[0];
    const full =
      first !== undefined &&
      (cue.chapter !== first.chapter || cue.end - first.start > CUE_GROUP_SECONDS || chars + cue.text.length > CUE_GROUP_CHARS);
    if (full) {
      groups.push(group);
      group = [];
      chars = 0;
    }
    group.push(cue);
    chars += cue.text.length + 1;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

function sessionDocument(session: SessionRecord, summary: SummaryResult | undefined): SearchDocument {
  const parts: string[] = [];
  // The summary repeats sentences of the notes; each is indexed once.
  for (const part of [session.notes, ...(summary?.sentences ?? []), ...(summary?.actionItems.map((item) => item.text) ?? [])]) {
    const known = parts.join('\n').toLowerCase();
    if (part.trim() !== '' && !known.includes(part.trim().toLowerCase())) parts.push(part.trim());
  }
  const text = parts.join('\n');
  return {
    id: `${session.id}:session:0`,
    sessionId: session.id,
    kind: 'session',
    title: session.title,
    text,
    keywords: [...new Set([...session.tags, ...(summary?.keywords ?? [])])],
    chapter: null,
    time: null,
  };
}

function chapterDocuments(
  session: SessionRecord,
  chapters: ChaptersResult | undefined,
  ocr: OcrResult | undefined,
): SearchDocument[] {
  const textOf = new Map((ocr?.screens ?? []).map((screen) => [screen.mediaId, screen.text]));
  return (chapters?.chapters ?? []).map((chapter) => {
    const shown: string[] = [];
    for (let i = chapter.firstScreen; i <= chapter.lastScreen; i++) {
      const text = textOf.get(chapters?.screens[i]?.mediaId ?? '');
      if (text?.trim()) shown.push(text.trim());
    }
    // Only what was on screen (the title and keywords the chapters stage made from it): the
    // transcript has documents of its own, which lead to a time.
    return {
      id: `${session.id}:chapter:${chapter.index}`,
      sessionId: session.id,
      kind: 'chapter',
      title: chapter.title || `Chapter ${chapter.index + 1}`,
      text: shown.join('\n'),
      keywords: chapter.keywords ?? [],
      chapter: chapter.index,
      time: null,
    };
  });
}

function cueDocuments(session: SessionRecord, transcript: TranscriptResult | undefined): SearchDocument[] {
  return cueGroups(transcript?.cues ?? []).map((group, n) => {
    const first = group[0] as TranscriptCue;
    const last = group.at(-1) as TranscriptCue;
    return {
      id: `${session.id}:cue:${n}`,
      sessionId: session.id,
      kind: 'cue',
      title: `Transcript ${clock(first.start)}–${clock(last.end)}`,
      text: group.map((cue) => cue.text).join(' '),
      keywords: [],
      chapter: first.chapter,
      time: first.start,
    };
  });
}

/**
 * Builds the search documents of a session: one for the session (title, notes, keywords,
 * summary), one per chapter (its screens' text, title and keywords), and one per stretch of
 * transcript, with its time. Each text lives where a hit on it should lead. Uses whatever
 * earlier stages left.
 */
export const indexStage: StageFn = async (ctx): Promise<IndexResult> => {
  const summary = ctx.results.summary as SummaryResult | undefined;
  const documents = [
    sessionDocument(ctx.session, summary),
    ...chapterDocuments(ctx.session, ctx.results.chapters as ChaptersResult | undefined, ctx.results.ocr as OcrResult | undefined),
    ...cueDocuments(ctx.session, ctx.results.transcript as TranscriptResult | undefined),
  ];
  ctx.progress(1);
  // "Redact everywhere": the search index holds no value either.
  return { documents: redactsEverywhere(ctx) ? mapStrings(documents, stageRedactor(ctx, 'kept')) : documents };
};
