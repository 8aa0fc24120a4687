import type { ActionItem } from '../../src/shared/results.ts';
import { commitmentOf } from './commitments.ts';
import type { SpokenSentence } from './cueSentences.ts';
import { dueDate } from './dueDate.ts';
import { plainInline } from './markdown.ts';
import { capSentence } from './sentenceCap.ts';
import { namePrefix } from './speakers.ts';
import { sentences } from './tokenize.ts';

/** "- [ ] Send the invoice", "* [x] Done", "1. [ ] Numbered". */
const CHECKBOX = /^\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s+(.+)$/;
/**
 * "TODO: …", "TODO(sarah): …", "- TODO - …", "Action: …", "Action item: …", "**TODO**: …", and
 * decisions: "Decision: …", "Decided: …", "Agreed: …".
 */
const MARKER = /^\s*(?:(?:[-*+]|\d+[.)])\s+)?(todo|action(?: item)?|decision|decided|agreed)(?:\(([^)]+)\))?(?:\s*:\s*|\s+[-–—]\s+)(.+)$/i;

/** Options of findActionItems(). */
export interface FindOptions {
  /** Only lines with a marker: for text where phrasings are unreliable, such as OCR of screens. @default false */
  readonly markersOnly?: boolean;
  /** The day relative dates are read from ("by Thursday"): the session's start. Without it no due date is given. */
  readonly reference?: Date;
  /** Who says the text, for "I'll …". */
  readonly speaker?: string;
}

function clean(text: string): string {
  return plainInline(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;,]+$/, '');
}

/** An item with its owner and due date (actions only) set when known. */
function item(text: string, source: ActionItem['source'], done: boolean, kind: 'action' | 'decision', owner: string | undefined, reference: Date | undefined): ActionItem {
  const due = kind === 'action' && reference ? dueDate(text, reference) : undefined;
  return { text, source, done, kind, ...(owner ? { owner } : {}), ...(due ? { due } : {}) };
}

/** The owner written into a marked line: "@jo …", "Dana: …", "Tom to …", "owner: Dana". */
function markedOwner(text: string, speaker: string | undefined): string | undefined {
  return commitmentOf(text, speaker)?.owner ?? namePrefix(text)?.speaker;
}

/** An action item written on one line with a marker (a checkbox, TODO:, Action:, Decision:), or null. */
export function markedAction(line: string, source: ActionItem['source'], options: FindOptions = {}): ActionItem | null {
  const box = CHECKBOX.exec(line);
  if (box) {
    const text = clean(box[2] ?? '');
    return item(text, source, box[1] !== ' ', 'action', markedOwner(text, options.speaker), options.reference);
  }
  // Bold markers ("**TODO:** …") would hide the marker from the pattern.
  const marker = MARKER.exec(line.replace(/\*\*|__/g, ''));
  if (!marker) return null;
  const text = clean(marker[3] ?? '');
  if (/^(?:decision|decided|agreed)$/i.test(marker[1] ?? '')) return item(text, source, false, 'decision', undefined, undefined);
  const owner = marker[2] ? capitalise(marker[2].trim().replace(/^@/, '')) : markedOwner(text, options.speaker);
  return item(text, source, false, 'action', owner, options.reference);
}

function capitalise(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Whether a sentence commits someone to do something, or records a decision. */
export function isCommitment(sentence: string): boolean {
  return commitmentOf(sentence) !== null;
}

/** The item of one sentence, or null when it commits no one. */
function sentenceItem(sentence: string, source: ActionItem['source'], options: FindOptions): ActionItem | null {
  const marked = markedAction(sentence, source, options);
  if (marked) return marked.text === '' ? null : marked;
  const found = commitmentOf(sentence, options.speaker);
  return found ? item(clean(sentence), source, false, found.kind, found.owner, options.reference) : null;
}

/**
 * The action items and decisions of a text, in order: lines with a marker first-class ("- [ ] …",
 * "- [x] …" done, "TODO: …", "Action: …", "Decision: …"), and otherwise each sentence (at most
 * 300 characters, sentenceCap.ts) that commits someone or records a decision (commitments.ts).
 * Owners and due dates are filled in where the text says them.
 */
export function findActionItems(text: string, source: ActionItem['source'], options: FindOptions = {}): ActionItem[] {
  const items: ActionItem[] = [];
  for (const line of text.split(/\r?\n/)) {
    const marked = markedAction(line, source, options);
    if (marked) {
      if (marked.text !== '') items.push(marked);
      continue;
    }
    if (options.markersOnly) continue;
    for (const sentence of sentences(plainInline(line)).flatMap((s) => capSentence(s))) {
      const found = sentenceItem(sentence, source, options);
      if (found) items.push(found);
    }
  }
  return items;
}

/**
 * The action items and decisions of a transcript's sentences (cueSentences.ts), each with the
 * moment it was said (the sentence's start, on the clock the sentences carry) and its speaker;
 * "I'll …" is owned by the speaker.
 */
export function spokenActionItems(spoken: readonly SpokenSentence[], reference?: Date): ActionItem[] {
  const items: ActionItem[] = [];
  for (const sentence of spoken) {
    const options = { ...(reference ? { reference } : {}), ...(sentence.speaker ? { speaker: sentence.speaker } : {}) };
    const found = sentenceItem(sentence.text, 'transcript', options);
    if (!found) continue;
    items.push({ ...found, text: clean(found.text), at: Math.round(sentence.start * 1000) / 1000, ...(sentence.speaker ? { speaker: sentence.speaker } : {}) });
  }
  return items;
}
