import type { ChaptersResult, OcrResult, SummaryResult, TranscriptCue, TranscriptResult } from '../../src/shared/results.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import { mapStrings } from '../privacy/redactText.ts';
import { redactsEverywhere, stageRedactor } from '../privacy/stageRedaction.ts';
import { providerSummary } from '../provider/providerSummary.ts';
import type { StageFn } from '../stage.ts';
import { summarize } from '../text/summarize.ts';
import type { SummaryInput } from '../text/summarize.ts';

/** The text of each screenshot, with the chapter it belongs to (by position in the session). */
function screensByChapter(ocr: OcrResult | undefined, chapters: ChaptersResult | undefined): SummaryInput['screens'] {
  if (!ocr) return [];
  const chapterOf = new Map<string, number>();
  for (const chapter of chapters?.chapters ?? []) {
    for (let i = chapter.firstScreen; i <= chapter.lastScreen; i++) {
      const mediaId = chapters?.screens[i]?.mediaId;
      if (mediaId !== undefined) chapterOf.set(mediaId, chapter.index);
    }
  }
  return ocr.screens.map((screen) => ({ text: screen.text, chapter: chapterOf.get(screen.mediaId) ?? null }));
}

/**
 * A cue on the session clock: seconds from the session's start, from its place on the timeline
 * when both are known; otherwise the transcript's own seconds (it then starts with the session).
 */
function onSessionClock(cue: TranscriptCue, session: SessionRecord): SummaryInput['cues'][number] {
  const { text, chapter, speaker } = cue;
  const shift = cue.at !== null && session.startedAt !== null ? (cue.at - session.startedAt) / 1000 - cue.start : 0;
  return { text, chapter, start: cue.start + shift, end: cue.end + shift, ...(speaker ? { speaker } : {}) };
}

/**
 * Summarises the session from whatever earlier stages left: notes always, the transcript, the
 * screens' text and the chapters when those stages ran. Never fails for a missing part.
 * When an AI provider is configured, its summary is added beside the on-device one (which is
 * always made first, so any provider failure falls back to it).
 */
export const summaryStage: StageFn = async (ctx): Promise<SummaryResult> => {
  const transcript = ctx.results.transcript as TranscriptResult | undefined;
  const chapters = ctx.results.chapters as ChaptersResult | undefined;
  const ocr = ctx.results.ocr as OcrResult | undefined;
  const result: SummaryResult = summarize({
    notes: ctx.session.notes,
    cues: (transcript?.cues ?? []).map((cue) => onSessionClock(cue, ctx.session)),
    screens: screensByChapter(ocr, chapters),
    chapters: (chapters?.chapters ?? []).map((chapter) => ({
      index: chapter.index,
      title: chapter.title,
      keywords: chapter.keywords,
    })),
    // Due dates ("by Thursday") are read from the day of the session.
    ...(ctx.session.startedAt !== null ? { reference: new Date(ctx.session.startedAt) } : {}),
  });
  ctx.progress(0.5);
  const stored = (ctx.results.summary as SummaryResult | undefined)?.provider;
  if (ctx.kind === 'reapply-privacy') {
    // Redacting again asks the provider nothing: its stored answer is kept (redacted below if need be).
    if (stored) result.provider = stored;
  } else if (ctx.provider) {
    // The provider only ever receives redacted text (unless redaction is off in this library).
    const redact = stageRedactor(ctx, 'leaving');
    const input = {
      notes: redact(ctx.session.notes),
      transcript: (transcript?.cues ?? []).map((cue) => redact(cue.text)),
      screens: (ocr?.screens ?? []).map((screen) => redact(screen.text)),
    };
    const provider = await providerSummary(ctx.provider, input, ctx.signal);
    if (provider) result.provider = provider;
    // The provider was asked and could not answer: the job is partly done, saying why.
    if (provider?.status === 'fallback' && hasText(input)) ctx.warn(provider.message);
  }
  ctx.progress(1);
  // "Redact everywhere": the summary is kept (and shown) redacted too.
  return redactsEverywhere(ctx) ? mapStrings(result, stageRedactor(ctx, 'kept')) : result;
};

function hasText(input: { notes: string; transcript: string[]; screens: string[] }): boolean {
  return [input.notes, ...input.transcript, ...input.screens].some((text) => text.trim() !== '');
}
