import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseTimestamp } from '../../workers/text/cues.ts';
import { parseVtt } from '../../workers/text/vtt.ts';

const planningCall = readFileSync(new URL('../fixtures/transcripts/planning-call.vtt', import.meta.url), 'utf8');

describe('parseVtt()', () => {
  test('reads every good cue of an exported file, in seconds, with tags stripped and speakers kept', () => {
    const { cues } = parseVtt(planningCall);
    expect(cues).toEqual([
      { start: 1.2, end: 4.8, text: "Morning everyone, let's start with the billing migration.", speaker: 'Priya' },
      { start: 5, end: 9.25, text: 'The invoice export still drops rows when a customer has more than one & a half accounts.', speaker: 'Sam' },
      { start: 9.5, end: 12, text: "I'll fix the export before Friday.", speaker: 'Alex' },
      { start: 72, end: 75.5, text: 'We need to send the revised budget to finance.' },
      { start: 3723.004, end: 3725, text: 'Thanks, bye <3' },
    ]);
  });

  test('a malformed cue becomes a plain warning and parsing goes on', () => {
    const { warnings } = parseVtt(planningCall);
    expect(warnings).toEqual([
      'Cue 4 has a timestamp it cannot read (00:01:xx.000); it was skipped.',
      'Cue 5 ends (00:01:08.000) before it starts (00:01:10.000); it was skipped.',
      'Line 32 is not a cue (there is no start and end time); skipped.',
    ]);
  });

  test('skips NOTE, STYLE and REGION blocks and header metadata without a word', () => {
    const text = 'WEBVTT\n\nREGION\nid:fred\nwidth:40%\n\nNOTE one line\n\n00:00.000 --> 00:01.000\nHello\n';
    expect(parseVtt(text)).toEqual({ cues: [{ start: 0, end: 1, text: 'Hello' }], warnings: [] });
  });

  test('accepts mm:ss.ttt timestamps, a BOM and CRLF line ends', () => {
    const text = '\uFEFFWEBVTT\r\n\r\n00:02.500 --> 00:04.000\r\n<v Sam>Two lines\r\nof text\r\n';
    expect(parseVtt(text).cues).toEqual([{ start: 2.5, end: 4, text: 'Two lines of text', speaker: 'Sam' }]);
  });

  test('a file without the WEBVTT header is read anyway, with a warning', () => {
    const { cues, warnings } = parseVtt('00:00:01.000 --> 00:00:02.000\nHi\n');
    expect(cues).toHaveLength(1);
    expect(warnings).toEqual(['The transcript does not start with "WEBVTT"; it was read anyway.']);
  });

  test('malformed timestamps: too many digits, minutes over 59, missing milliseconds, nothing', () => {
    const text = [
      'WEBVTT',
      '00:00:01.0000 --> 00:00:02.000\nA',
      '00:61:00.000 --> 00:62:00.000\nB',
      '00:00:03 --> 00:00:04.000\nC',
      '00:00:05.000 -->\nD',
    ].join('\n\n');
    expect(parseVtt(text)).toEqual({
      cues: [],
      warnings: [
        'Cue 1 has a timestamp it cannot read (00:00:01.0000); it was skipped.',
        'Cue 2 has a timestamp it cannot read (00:61:00.000); it was skipped.',
        'Cue 3 has a timestamp it cannot read (00:00:03); it was skipped.',
        'Cue 4 has a timestamp it cannot read (nothing); it was skipped.',
      ],
    });
  });
});

describe('parseTimestamp()', () => {
  test('reads hours of any length and both decimal marks', () => {
    expect(parseTimestamp('00:00:00.000')).toBe(0);
    expect(parseTimestamp('100:00:00,001')).toBe(360_000.001);
    expect(parseTimestamp('59:59.999')).toBe(3599.999);
    expect(parseTimestamp('1:2:3.000')).toBeNull();
  });

  test('reads fractions with fewer than three digits as fractions of a second', () => {
    expect(parseTimestamp('00:01.5')).toBe(1.5);
    expect(parseTimestamp('00:00:01,50')).toBe(1.5);
    expect(parseTimestamp('00:00:01.05')).toBe(1.05);
    expect(parseTimestamp('01:02:03.7')).toBe(3723.7);
  });
});

describe('parseVtt() speakers', () => {
  test('keeps the speaker of a <v Name> tag, with or without classes and a closing tag', () => {
    const text = ['WEBVTT', '00:01.0 --> 00:02.5\n<v Priya Raman>Morning all.</v>', '00:03.00 --> 00:04.0\n<v.loud Sam>Hi!', '00:05.000 --> 00:06.000\nNobody tagged'].join('\n\n');
    expect(parseVtt(text).cues).toEqual([
      { start: 1, end: 2.5, text: 'Morning all.', speaker: 'Priya Raman' },
      { start: 3, end: 4, text: 'Hi!', speaker: 'Sam' },
      { start: 5, end: 6, text: 'Nobody tagged' },
    ]);
  });
});
