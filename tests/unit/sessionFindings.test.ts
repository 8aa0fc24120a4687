import { describe, expect, test } from 'vitest';
import type { OcrLine } from '../../src/shared/results.ts';
import { redactStrings, redactText } from '../../workers/privacy/redactText.ts';
import { findInSession, keptValues, valuePieces, type SessionTexts } from '../../workers/privacy/sessionFindings.ts';

/** One OCR line of words 10 px apart, each 8 px per character wide, at `top`. */
function line(text: string, top: number): OcrLine {
  let left = 0;
  const words = text.split(' ').map((word) => {
    const box = { left, top, width: word.length * 8, height: 12 };
    left += box.width + 10;
    return { text: word, box, confidence: 90 };
  });
  return { text, box: { left: 0, top, width: left, height: 12 }, words };
}

const EMAIL = 'dana.park@example.org';
const CARD = '4242 4242 4242 4242';

const texts: SessionTexts = {
  title: 'Billing call',
  notes: `Ask ${EMAIL} about the refund.`,
  cues: [{ text: 'Hello there.', start: 0 }, { text: `My card is ${CARD}, thanks.`, start: 4.5 }],
  screens: [{ mediaId: 'shot-1', screen: 0, at: 1000, lines: [line('Customer profile', 0), line(`Contact ${EMAIL} today`, 20)] }],
};

describe('findInSession', () => {
  test('places each finding in its screen (with its word boxes), cue or notes, with a masked preview only', () => {
    const findings = findInSession(texts);
    expect(findings.map((f) => [f.id, f.kind, f.place.source])).toEqual([
      ['screen:shot-1:25', 'email', 'screen'],
      ['cue:1:11', 'card', 'transcript'],
      ['notes:4', 'email', 'notes'],
    ]);
    const screen = findings[0]!.place;
    // The e-mail is the second word of the second line: its box only, not the whole line.
    expect(screen.source === 'screen' && screen.boxes).toEqual([{ left: 66, top: 20, width: EMAIL.length * 8, height: 12 }]);
    expect(findings[1]!.place).toMatchObject({ source: 'transcript', cue: 1, timeSec: 4.5 });
    const stored = JSON.stringify(findings);
    expect(stored).not.toContain(EMAIL);
    expect(stored).not.toContain(CARD);
    expect(findings[0]!.preview).toBe('d…@example.org');
  });

  test('keptValues reads back only the values of dismissed findings', () => {
    const findings = findInSession(texts);
    expect(keptValues(findings, [], texts)).toEqual(new Set());
    expect(keptValues(findings, ['screen:shot-1:25'], texts)).toEqual(new Set([EMAIL]));
    expect(keptValues(findings, ['cue:1:11'], texts)).toEqual(new Set([CARD]));
  });
});

describe('redactText', () => {
  test('replaces each value with its kind in brackets', () => {
    expect(redactText(`Mail ${EMAIL}, card ${CARD}.`)).toBe('Mail [email], card [card].');
    expect(redactText('Nothing to hide here.')).toBe('Nothing to hide here.');
  });

  test('leaves values marked "Not sensitive" as they are', () => {
    expect(redactText(`Mail ${EMAIL}, card ${CARD}.`, new Set([EMAIL]))).toBe(`Mail ${EMAIL}, card [card].`);
  });

  test('redactStrings redacts every string of a JSON value and keeps its shape', () => {
    const value = { title: EMAIL, n: 3, list: [CARD, null, { deep: `x ${EMAIL}` }] };
    expect(redactStrings(value)).toEqual({ title: '[email]', n: 3, list: ['[card]', null, { deep: 'x [email]' }] });
  });
});

describe('valuePieces', () => {
  test('words of a value split apart (a keyword "dana park") are redacted; short and kept ones are not', () => {
    const pieces = valuePieces([EMAIL, CARD, 'kept.person@example.net'], new Set(['kept.person@example.net']));
    expect([...pieces].sort()).toEqual(['4242', 'dana', 'example', 'park']);
    expect(redactText('Keywords: customer, dana park, org', new Set(), pieces)).toBe('Keywords: customer, [redacted] [redacted], org');
  });
});
