import type { ResultRecord } from '../shared/db.ts';
import type { RedactResult } from '../shared/privacy.ts';
import type { AudioStageResult, ChaptersResult, SummaryResult, VideoStageResult } from '../shared/results.ts';
import type { SessionRecord } from '../shared/session.ts';
import { sessionSpan } from '../shared/sessionSpan.ts';
import { doneResult } from './detail/outcomes.ts';
import { storedVerdict, type StoredVerdict } from './storedVerdict.ts';

/** Where a chapter starts in the session and what it looks like, for search hits. */
export interface ChapterFact {
  /** Seconds from the start of the session (or of its video), when known. */
  startSec: number | null;
  thumbnail: Blob | null;
}

/**
 * The little a row or a search hit shows of a session's result. Null fields mean "not found by
 * enrichment" (the stage did not run or failed), which the UI leaves out rather than show as 0.
 */
export interface SessionFacts {
  /** The session's title as shown: redacted with "redact everywhere", null until a result says so. */
  title: string | null;
  screens: number | null;
  chapters: ChapterFact[] | null;
  speechSec: number | null;
  durationSec: number | null;
  keywords: readonly string[];
  thumbnail: Blob | null;
  /** How the stored result ended; null with no result. What the row says of a session with no job. */
  verdict: StoredVerdict | null;
}

export const NO_FACTS: SessionFacts = { title: null, screens: null, chapters: null, speechSec: null, durationSec: null, keywords: [], thumbnail: null, verdict: null };

export function factsOf(session: SessionRecord, record: ResultRecord | undefined): SessionFacts {
  const chapters = doneResult<ChaptersResult>(record, 'chapters');
  const audio = doneResult<AudioStageResult>(record, 'audio');
  const summary = doneResult<SummaryResult>(record, 'summary');
  const video = doneResult<VideoStageResult>(record, 'video');
  // "Redact everywhere": the redact stage kept the title and thumbnails with found values removed.
  const shown = doneResult<RedactResult>(record, 'redact')?.shown;
  const thumbnails = shown?.thumbnails ?? chapters?.thumbnails ?? [];
  const thumbs = new Map(thumbnails.map((t) => [t.mediaId, t.blob]));
  const longest = Math.max(0, ...(audio?.recordings ?? []).map((r) => r.durationSec), ...(video?.videos ?? []).map((v) => v.durationSec));
  const span = sessionSpan(session, { audio, video });
  const timed = span.startedAt !== null && span.endedAt !== null && span.endedAt > span.startedAt;
  return {
    title: shown?.title ?? null,
    screens: chapters ? chapters.screens.length : null,
    chapters: chapters
      ? chapters.chapters.map((chapter) => ({
          startSec: chapter.startSec ?? (chapter.start !== null && span.startedAt !== null ? Math.max(0, (chapter.start - span.startedAt) / 1000) : null),
          thumbnail: thumbs.get(chapters.screens[chapter.firstScreen]?.mediaId ?? '') ?? null,
        }))
      : null,
    speechSec: audio ? audio.speechSec : null,
    durationSec: timed ? (span.endedAt! - span.startedAt!) / 1000 : longest > 0 ? longest : null,
    keywords: summary?.keywords.slice(0, 3) ?? [],
    thumbnail: thumbnails[0]?.blob ?? null,
    verdict: storedVerdict(record),
  };
}
