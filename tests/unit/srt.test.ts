import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseSrt } from '../../workers/text/srt.ts';

const designReview = readFileSync(new URL('../fixtures/transcripts/design-review.srt', import.meta.url), 'utf8');

describe('parseSrt()', () => {
  test('reads the good cues of a CRLF file, with <i>, <font> and {\\an8} stripped', () => {
    expect(parseSrt(designReview).cues).toEqual([
      { start: 0.5, end: 3, text: 'Welcome to the design review.' },
      { start: 3.2, end: 6.9, text: 'The new dashboard layout is ready; we need to check the charts.' },
      { start: 9, end: 12.25, text: "Let's ship it on Monday." },
      { start: 14, end: 18, text: 'The mobile app review is next week.' },
    ]);
  });

  test('names a malformed cue by its number in the file and goes on', () => {
    expect(parseSrt(designReview).warnings).toEqual([
      'Cue 3 has a timestamp it cannot read (00:00:1,500); it was skipped.',
      'Cue 5 ends (00:00:12,000) before it starts (00:00:13,000); it was skipped.',
    ]);
  });

  test('a cue without a number is still read; its warning counts cues in order', () => {
    const text = '00:00:01,000 --> 00:00:02,000\nOne\n\n00:00:0x,000 --> 00:00:04,000\nTwo\n';
    expect(parseSrt(text)).toEqual({
      cues: [{ start: 1, end: 2, text: 'One' }],
      warnings: ['Cue 2 has a timestamp it cannot read (00:00:0x,000); it was skipped.'],
    });
  });

  test('text that has no timing lines gives no cues and one warning per block', () => {
    expect(parseSrt('Dear team,\nplease find attached.\n\nBest, Sam')).toEqual({
      cues: [],
      warnings: [
        'Lines 1–2 are not a cue (there is no start and end time); skipped.',
        'Line 4 is not a cue (there is no start and end time); skipped.',
      ],
    });
  });

  test('"NAME:" at the start of a cue is its speaker, kept for the cues after it until another is named', () => {
    const text = [
      '1\n00:00:01,0 --> 00:00:02,50\nSARAH: I will update the runbook.',
      '2\n00:00:03,000 --> 00:00:04,000\nAnd send it round.',
      '3\n00:00:05,000 --> 00:00:06,000\nTom Baker: Thanks.',
      '4\n00:00:07,000 --> 00:00:08,000\nNote: this is not a name.',
    ].join('\n\n');
    expect(parseSrt(text).cues).toEqual([
      { start: 1, end: 2.5, text: 'I will update the runbook.', speaker: 'SARAH' },
      { start: 3, end: 4, text: 'And send it round.', speaker: 'SARAH' },
      { start: 5, end: 6, text: 'Thanks.', speaker: 'Tom Baker' },
      { start: 7, end: 8, text: 'Note: this is not a name.', speaker: 'Tom Baker' },
    ]);
  });

  test('timestamps with one or two millisecond digits are read', () => {
    expect(parseSrt('1\n00:00:01,5 --> 00:00:02,25\nHi\n')).toEqual({ cues: [{ start: 1.5, end: 2.25, text: 'Hi' }], warnings: [] });
  });
});
