import { useState } from 'react';
import type { SensitiveFinding } from '../../shared/privacy.ts';

interface SelectionMarkProps {
  /** What is marked, for the button's accessible name: "transcript", "notes". */
  where: string;
  /** The mark for the text selected in the page, or why there is none. */
  markOf: (selection: Selection) => SensitiveFinding | string;
  onAdd: (mark: SensitiveFinding) => void;
}

/** "Redact this too" for text selected in the transcript or the notes. */
export function SelectionMark({ where, markOf, onAdd }: SelectionMarkProps) {
  const [note, setNote] = useState('');
  const mark = () => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.toString().trim() === '') {
      setNote(`Select words in the ${where} first.`);
      return;
    }
    const made = markOf(selection);
    if (typeof made === 'string') {
      setNote(made);
      return;
    }
    onAdd(made);
    selection.removeAllRanges();
    setNote(`Marked ${made.preview} in the ${where}.`);
  };
  return (
    <p className="selection-mark">
      {/* Keeps the selection: a press on a button would otherwise clear it before the click. */}
      <button type="button" className="quiet" aria-label={`Redact this too: text selected in the ${where}`} onMouseDown={(event) => event.preventDefault()} onClick={mark}>
        Redact this too
      </button>{' '}
      <span className="meta" role="status">
        {note}
      </span>
    </p>
  );
}
