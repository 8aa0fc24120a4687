import type { SensitiveFinding } from '../../shared/privacy.ts';
import type { TranscriptResult } from '../../shared/results.ts';
import { rangeIn, textMark } from './markPlaces.ts';

const elementOf = (node: Node | null): Element | null => (node instanceof Element ? node : (node?.parentElement ?? null));

/** A mark for text selected in one transcript cue, read back from the cue as captured. */
export function transcriptSelectionMark(selection: Selection, transcript: TranscriptResult): SensitiveFinding | string {
  const from = elementOf(selection.anchorNode)?.closest('[data-cue]');
  const to = elementOf(selection.focusNode)?.closest('[data-cue]');
  if (!from || from !== to) return 'Select words within one line of the transcript.';
  const cue = Number(from.getAttribute('data-cue'));
  const text = transcript.cues[cue]?.text ?? '';
  const selected = selection.toString().trim().replace(/^\d+:\d\d\s+/, '');
  const range = rangeIn(text, selected);
  if (!range) return 'That text is not in the transcript as captured (it may hold something redacted already).';
  return textMark({ source: 'transcript', cue, timeSec: transcript.cues[cue]!.start }, range, selected);
}

/** A mark for text selected in the notes, found in the notes as written. */
export function notesSelectionMark(selection: Selection, notes: string): SensitiveFinding | string {
  const inNotes = elementOf(selection.anchorNode)?.closest('[data-mark-notes]');
  if (!inNotes) return 'Select words in the notes.';
  const selected = selection.toString().trim();
  const range = rangeIn(notes, selected);
  if (!range) return 'That text is not in the notes as written (select less, within one paragraph).';
  return textMark({ source: 'notes' }, range, selected);
}
