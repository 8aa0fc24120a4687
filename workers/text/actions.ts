import type { ActionItem } from '../../src/shared/results.ts';
import { plainInline } from './markdown.ts';
import { sentences } from './tokenize.ts';

/** "- [ ] Send the invoice", "* [x] Done", "1. [ ] Numbered". */
const CHECKBOX = /^\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s+(.+)$/;
/** "TODO: …", "- TODO - …", "Action: …", "Action item: …", "**TODO**: …". */
const MARKER = /^\s*(?:(?:[-*+]|\d+[.)])\s+)?(?:todo|action(?: item)?)(?:\s*:\s*|\s+[-–—]\s+)(.+)$/i;
/**
 * Sentences that commit someone to do something. "we need to …", "I'll …", "let's …" and their
 * kin; a question ("Do we need to …?") is not an action.
 */
const COMMITMENT =
  /(?:^|[\s,;:(])(?:we need to|we have to|we must|we should|we['’]ll|we will|i need to|i have to|i['’]ll|i will|let['’]s|let us|someone (?:needs to|should)|remember to|don['’]t forget to)\s+\S/i;

function clean(text: string): string {
  return plainInline(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;,]+$/, '');
}

/** An action item written on one line with a marker (a checkbox, TODO:, Action:), or null. */
export function markedAction(line: string, source: ActionItem['source']): ActionItem | null {
  const box = CHECKBOX.exec(line);
  if (box) return { text: clean(box[2] ?? ''), source, done: box[1] !== ' ' };
  // Bold markers ("**TODO:** …") would hide the marker from the pattern.
  const marker = MARKER.exec(line.replace(/\*\*|__/g, ''));
  if (marker) return { text: clean(marker[1] ?? ''), source, done: false };
  return null;
}

/** Whether a sentence commits someone to do something ("we need to …", "I'll …", "let's …"). */
export function isCommitment(sentence: string): boolean {
  return !sentence.trim().endsWith('?') && COMMITMENT.test(` ${sentence}`);
}

/**
 * The action items of a text, in order: lines with a marker first-class ("- [ ] …", "- [x] …"
 * done, "TODO: …", "Action: …"), and otherwise each sentence that commits someone to something.
 * Pass `markersOnly` for text where phrasings are unreliable, such as OCR of screens.
 */
export function findActionItems(text: string, source: ActionItem['source'], markersOnly = false): ActionItem[] {
  const items: ActionItem[] = [];
  for (const line of text.split(/\r?\n/)) {
    const marked = markedAction(line, source);
    if (marked) {
      if (marked.text !== '') items.push(marked);
      continue;
    }
    if (markersOnly) continue;
    for (const sentence of sentences(plainInline(line))) {
      if (isCommitment(sentence)) items.push({ text: clean(sentence), source, done: false });
    }
  }
  return items;
}
