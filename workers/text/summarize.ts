import type { ActionItem, ChapterSummary, SummaryResult } from '../../src/shared/results.ts';
import { findActionItems, markedAction, spokenActionItems } from './actions.ts';
import { cueSentences } from './cueSentences.ts';
import { keywords } from './keywords.ts';
import { plainLine } from './markdown.ts';
import { rakeKeywords } from './rake.ts';
import { isStopword } from './stopwords.ts';
import { rankSentences } from './textrank.ts';
import { sentences, words } from './tokenize.ts';

export const SESSION_SENTENCES = 3;
export const SESSION_KEYWORDS = 8;
export const CHAPTER_SENTENCES = 2;
export const CHAPTER_KEYWORDS = 5;
/** Shorter lines are labels (a menu, a button), not sentences worth summarising. */
const MIN_SENTENCE_WORDS = 3;

/** What the summary is made from; every part may be empty. */
export interface SummaryInput {
  /** Markdown notes. */
  notes: string;
  /**
   * Transcript cues in time order, with the chapter each falls in, their speaker, and their start
   * and end in seconds on the session clock (from the session's start).
   */
  cues: ReadonlyArray<{ text: string; chapter: number | null; start: number; end: number; speaker?: string }>;
  /** Text read from each screenshot, with its chapter. */
  screens: ReadonlyArray<{ text: string; chapter: number | null }>;
  /** The chapters, with a title and keywords when the chapters stage gave them. */
  chapters: ReadonlyArray<{ index: number; title?: string; keywords?: string[] }>;
  /** The session's start: the day "by Thursday" is read from. Without it, no due dates. */
  reference?: Date;
}

/** The prose of notes: lines that are not action items, without markdown markers. */
function notesProse(notes: string): string[] {
  return notes
    .split(/\r?\n/)
    .filter((line) => !markedAction(line, 'notes'))
    .map(plainLine)
    .filter((line) => line !== '');
}

/** The lines of OCR text long enough to read as sentences. */
function screenLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => words(line).length >= MIN_SENTENCE_WORDS);
}

const normal = (text: string) => words(text).join(' ');

/**
 * Each distinct line once (compared lowercase, by words): a line that stays on screen for many
 * frames (a menu, a title bar, a slide left up) would otherwise outweigh everything said.
 */
function distinctLines(lines: readonly string[]): string[] {
  const seen = new Set<string>();
  return lines.filter((line) => {
    const key = normal(line);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The sentences of some texts, at least three words long, each once. */
function candidateSentences(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const text of texts) {
    for (const sentence of sentences(text)) {
      const key = normal(sentence);
      if (words(sentence).length < MIN_SENTENCE_WORDS || seen.has(key)) continue;
      seen.add(key);
      out.push(sentence);
    }
  }
  return out;
}

function summarySentences(texts: readonly string[], limit: number): string[] {
  const all = candidateSentences(texts);
  return rankSentences(all, limit).map((i) => all[i] ?? '');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Action items of every source, each once (the first source to mention one keeps it). */
function actionItems(input: SummaryInput, spoken: ReturnType<typeof cueSentences>): ActionItem[] {
  const reference = input.reference ? { reference: input.reference } : {};
  const items = [
    ...findActionItems(input.notes, 'notes', reference),
    ...spokenActionItems(spoken, input.reference),
    ...input.screens.flatMap((screen) => findActionItems(screen.text, 'screens', { markersOnly: true })),
  ];
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = normal(item.text);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Summarises a session: keyword phrases (RAKE-style), the most central sentences (TextRank) over
 * notes, transcript and screen text, and action items and decisions; per chapter, its title and
 * keywords (from the chapters stage, or the words that set its transcript and screens apart) and
 * its central sentences. The transcript is cut into sentences by cueSentences (punctuation,
 * pauses, speakers, a length cap); each distinct screen line counts once. Pure and deterministic.
 */
export function summarize(input: SummaryInput): SummaryResult {
  const prose = notesProse(input.notes);
  const spoken = cueSentences(input.cues);
  // One sentence a line, so that the splitters downstream keep the cue-aware sentences.
  const transcript = spoken.map((sentence) => sentence.text).join('\n');
  const screens = distinctLines(input.screens.flatMap((screen) => screenLines(screen.text)));
  const noteItems = findActionItems(input.notes, 'notes').map((item) => item.text);
  const chapterOf = (sentence: (typeof spoken)[number]) => input.cues[sentence.cue]?.chapter ?? null;
  const chapterTexts = input.chapters.map((chapter) => ({
    spoken: spoken.filter((sentence) => chapterOf(sentence) === chapter.index).map((sentence) => sentence.text).join('\n'),
    shown: distinctLines(input.screens.filter((screen) => screen.chapter === chapter.index).flatMap((screen) => screenLines(screen.text))),
  }));
  // The words that set each chapter apart from the others (tf·idf, as the chapters stage does).
  // Speech fillers go first: the chapters' stopword list is made for screen text.
  const distinctive = keywords(
    chapterTexts.map(({ spoken, shown }) => words([spoken, ...shown].join('\n')).filter((word) => !isStopword(word)).join(' ')),
    CHAPTER_KEYWORDS,
  );
  const chapters: ChapterSummary[] = input.chapters.map((chapter, i) => {
    const { spoken, shown } = chapterTexts[i] ?? { spoken: '', shown: [] };
    // The chapters stage names a chapter from its screens when it has text; otherwise the transcript does.
    const given = chapter.keywords && chapter.keywords.length > 0 && chapter.title;
    const own = distinctive[i] ?? [];
    return {
      chapter: chapter.index,
      title: given || (own.length > 0 ? capitalise(own.slice(0, 3).join(', ')) : chapter.title || `Chapter ${chapter.index + 1}`),
      keywords: given ? (chapter.keywords ?? []) : own,
      sentences: summarySentences([spoken, ...shown], CHAPTER_SENTENCES),
    };
  });
  return {
    keywords: rakeKeywords([...prose, ...noteItems, ...spoken.map((sentence) => sentence.text), ...screens], SESSION_KEYWORDS),
    sentences: summarySentences([...prose, transcript, ...screens], SESSION_SENTENCES),
    actionItems: actionItems(input, spoken),
    chapters,
  };
}
