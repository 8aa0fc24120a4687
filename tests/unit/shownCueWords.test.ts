import { describe, expect, it } from 'vitest';
import type { RedactResult } from '../../src/shared/privacy.ts';
import type { TranscriptResult } from '../../src/shared/results.ts';
import { shownTexts } from '../../src/ui/detail/shownTexts.ts';

const transcript: TranscriptResult = {
  cues: [
    { start: 0, end: 2, text: 'Call 555 123 4567.', at: null, chapter: null, words: ['Call', '555', '123', '4567.'].map((text, i) => ({ start: i * 0.5, end: i * 0.5 + 0.5, text })) },
    { start: 3, end: 4, text: 'Ship it.', at: null, chapter: null, words: [{ start: 3, end: 3.5, text: 'Ship' }, { start: 3.5, end: 4, text: 'it.' }] },
  ],
  warnings: [],
  source: { kind: 'device', model: 'whisper-tiny.en' },
};

describe('shownTexts() with timed words', () => {
  it('with "redact everywhere", a cue whose text was redacted is shown without its words; the others keep theirs', () => {
    const redact: RedactResult = { findings: [], shown: { notes: '', cues: ['Call [phone].', 'Ship it.'], screens: {} } };
    const cues = shownTexts('', null, transcript, redact).transcript!.cues;
    expect(cues[0]).toEqual({ start: 0, end: 2, text: 'Call [phone].', at: null, chapter: null });
    expect(cues[1]).toEqual(transcript.cues[1]);
  });

  it('otherwise shows the words as heard', () => {
    expect(shownTexts('', null, transcript, { findings: [] }).transcript).toBe(transcript);
  });
});
