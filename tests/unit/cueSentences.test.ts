import { describe, expect, test } from 'vitest';
import { cueSentences, MAX_SENTENCE_CHARS } from '../../workers/text/cueSentences.ts';

/** Auto-caption style: short cues, no punctuation, no capitals, back to back. */
function captions(words: string[], perCue = 7, cueSec = 2, gapSec = 0): Array<{ start: number; end: number; text: string }> {
  const cues = [];
  for (let i = 0, t = 0; i < words.length; i += perCue, t += cueSec + gapSec) {
    cues.push({ start: t, end: t + cueSec, text: words.slice(i, i + perCue).join(' ') });
  }
  return cues;
}

const RAMBLE = (
  'so the thing about the billing migration is that the invoice export still drops rows and ' +
  'nobody has looked at the retry logic since march which means the finance team keeps asking ' +
  'for manual exports and that takes a whole afternoon every week and then the dashboard shows ' +
  'numbers that do not match the ledger so people stop trusting it and we get more tickets '
).repeat(6).trim().split(' ');

describe('cueSentences()', () => {
  test('an unpunctuated transcript with no pauses is cut into sentences under the cap', () => {
    const sentences = cueSentences(captions(RAMBLE));
    expect(sentences.length).toBeGreaterThan(5);
    for (const sentence of sentences) expect(sentence.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    // Every word is kept, in order.
    expect(sentences.map((s) => s.text).join(' ')).toBe(RAMBLE.join(' '));
  });

  test('the cap cuts at a cue boundary, never inside a word', () => {
    const cues = captions(RAMBLE);
    const cueEnds = new Set(cues.map((cue) => cue.end));
    for (const sentence of cueSentences(cues)) expect(cueEnds.has(sentence.end)).toBe(true);
  });

  test('a pause of 0.8 s or more between cues ends a sentence; a shorter one does not', () => {
    const cues = [
      { start: 0, end: 2, text: 'we looked at the invoice export' },
      { start: 2.3, end: 4, text: 'and it drops rows' },
      { start: 5, end: 7, text: 'the dashboard is fine' },
    ];
    expect(cueSentences(cues).map((s) => [s.text, s.start, s.end])).toEqual([
      ['we looked at the invoice export and it drops rows', 0, 4],
      ['the dashboard is fine', 5, 7],
    ]);
  });

  test('a change of speaker ends a sentence, and each sentence keeps its speaker', () => {
    const cues = [
      { start: 0, end: 2, text: 'can you take the runbook', speaker: 'Priya' },
      { start: 2, end: 3, text: 'sure i will do it today', speaker: 'Sam' },
      { start: 3, end: 4, text: 'by five', speaker: 'Sam' },
    ];
    expect(cueSentences(cues).map((s) => [s.text, s.speaker])).toEqual([
      ['can you take the runbook', 'Priya'],
      ['sure i will do it today by five', 'Sam'],
    ]);
  });

  test('punctuation ends a sentence inside a cue, with a time in proportion to where it falls', () => {
    const cues = [{ start: 10, end: 20, text: 'First part here. Second part is right here' }];
    const [first, second] = cueSentences(cues);
    expect(first?.text).toBe('First part here.');
    expect(second?.text).toBe('Second part is right here');
    expect(first?.start).toBe(10);
    expect(second?.end).toBe(20);
    expect(first?.end).toBeGreaterThan(12);
    expect(first?.end).toBeLessThan(16);
    expect(second?.start).toBe(first?.end);
  });

  test('a punctuated sentence runs across cues', () => {
    const cues = [
      { start: 0, end: 2, text: 'The invoice export still drops rows' },
      { start: 2, end: 4, text: 'when a customer has two accounts. Next,' },
      { start: 4, end: 6, text: 'the dashboard.' },
    ];
    expect(cueSentences(cues).map((s) => s.text)).toEqual(['The invoice export still drops rows when a customer has two accounts.', 'Next, the dashboard.']);
  });

  test('one cue of 1,000 characters without spaces or punctuation is still cut under the cap', () => {
    const sentences = cueSentences([{ start: 0, end: 60, text: 'x'.repeat(1000) }]);
    for (const sentence of sentences) expect(sentence.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(sentences.map((s) => s.text).join('')).toBe('x'.repeat(1000));
  });

  test('within one long cue the cap prefers a clause boundary (a comma) to any word', () => {
    const left = 'word '.repeat(30).trim();
    const text = `${left}, ${'more '.repeat(40).trim()}`;
    const [first] = cueSentences([{ start: 0, end: 30, text }]);
    expect(first?.text).toBe(`${left},`);
  });

  test('knows the first cue of each sentence', () => {
    const cues = [
      { start: 0, end: 1, text: 'one.' },
      { start: 1, end: 2, text: 'two' },
      { start: 3, end: 4, text: 'three' },
    ];
    expect(cueSentences(cues).map((s) => s.cue)).toEqual([0, 1, 2]);
  });
});

describe('cueSentences() - speech written without punctuation', () => {
  const cue = (start: number, end: number, text: string) => ({ start, end, text });
  // Captions cut every few words with no gap mid-sentence; sentence pauses of 0.54 s and 0.94 s.
  const cues = [
    cue(0, 2.6, 'the invoice export still drops rows when'),
    cue(2.6, 4.2, 'a customer has two accounts'),
    cue(4.74, 7.3, 'sarah will update the runbook by thursday'),
    cue(8.24, 10.8, 'it will take about a week to move'),
    cue(10.8, 12, 'the remaining customers'),
  ];

  test('a pause of half a second between cues ends a sentence when nothing else can', () => {
    expect(cueSentences(cues).map((s) => s.text)).toEqual([
      'the invoice export still drops rows when a customer has two accounts',
      'sarah will update the runbook by thursday',
      'it will take about a week to move the remaining customers',
    ]);
  });

  test('with punctuation, the same pause does not end a sentence: the full stop does', () => {
    const punctuated = [
      cue(0, 2.6, 'The invoice export still drops rows when'),
      cue(2.6, 4.2, 'a customer has two accounts.'),
      cue(4.74, 7.3, 'Sarah will update the runbook by Thursday,'),
      cue(7.84, 10.8, 'and it will take about a week to move'),
      cue(10.8, 12, 'the remaining customers.'),
    ];
    expect(cueSentences(punctuated).map((s) => s.text)).toEqual([
      'The invoice export still drops rows when a customer has two accounts.',
      'Sarah will update the runbook by Thursday, and it will take about a week to move the remaining customers.',
    ]);
  });

  test('inside one cue, a clause that commits or decides starts its own sentence, also in lowercase', () => {
    const said = [
      cue(0, 6, 'i sent the numbers to finance yesterday tom can you share the dashboard link by end of day'),
      cue(6, 12, 'it was decided to drop the legacy importer in january'),
      cue(12.5, 18, 'do we need to tell customers about the outage lena and omar will pair on the backfill'),
    ];
    const padded = [...said, ...captions(RAMBLE.slice(0, 40)).map((c) => ({ ...c, start: c.start + 20, end: c.end + 20 }))];
    expect(cueSentences(padded).map((s) => s.text).slice(0, 5)).toEqual([
      'i sent the numbers to finance yesterday',
      'tom can you share the dashboard link by end of day',
      'it was decided to drop the legacy importer in january',
      // A question's subject ("do we …") and a pair of names ("lena and omar") are not cut.
      'do we need to tell customers about the outage',
      'lena and omar will pair on the backfill',
    ]);
  });

  test('in cased captions a function word with a capital starts a sentence; a condition keeps its clause', () => {
    const said = [
      cue(0, 6, 'We decided to keep the old dashboard until the migration is done It will take about a week'),
      cue(6, 12, 'If the vendor says no we need to find another plan Sam to write up the report by Wednesday'),
    ];
    const padded = [...said, ...captions(RAMBLE.slice(0, 40)).map((c) => ({ ...c, start: c.start + 20, end: c.end + 20 }))];
    expect(cueSentences(padded).map((s) => s.text).slice(0, 4)).toEqual([
      'We decided to keep the old dashboard until the migration is done',
      'It will take about a week',
      'If the vendor says no we need to find another plan',
      'Sam to write up the report by Wednesday',
    ]);
  });
});
