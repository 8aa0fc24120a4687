import { describe, expect, test } from 'vitest';
import { spokenActionItems } from '../../workers/text/actions.ts';
import { cueSentences } from '../../workers/text/cueSentences.ts';

/** The ops weekly of the eval meetings (eval/run/meetings.ts) started on Wednesday 2 December 2026. */
const REFERENCE = new Date(2026, 11, 2, 9, 30);

/** A sentence long enough (over 20 words) that the transcript reads as unpunctuated whatever follows. */
const BEFORE = 'the backup job failed twice because the disk filled up and nobody noticed until the morning after the release went out to every customer';

/** Lowercase captions without punctuation: cues of up to seven words, back to back, a pause of 0.94 s before `said`. */
function captions(said: string, before = BEFORE): Array<{ start: number; end: number; text: string }> {
  const cues = [];
  let t = 0;
  for (const [n, line] of [before, said].entries()) {
    const words = line.split(' ');
    for (let i = 0; i < words.length; i += 7) {
      const chunk = words.slice(i, i + 7);
      cues.push({ start: t, end: t + chunk.length * 0.38, text: chunk.join(' ') });
      t += chunk.length * 0.38 + 0.04;
    }
    if (n === 0) t += 0.94;
  }
  return cues;
}

const sentencesOf = (said: string) => cueSentences(captions(said)).slice(1).map((s) => s.text);
const itemsOf = (said: string) => spokenActionItems(cueSentences(captions(said)), REFERENCE).map(({ text, owner, due }) => ({ text, owner, due }));

describe('lowercase captions: a commitment that runs into the next sentence', () => {
  test('"… in two weeks sometimes you might …" ends the commitment before the adverb (eval: vtt-lowercase)', () => {
    const said = 'chen will check the vendor contract in two weeks sometimes you might need to filter auto suggestions to say only a specific category you may want to check the logs first';
    expect(sentencesOf(said)).toEqual([
      'chen will check the vendor contract in two weeks',
      'sometimes you might need to filter auto suggestions to say only a specific category',
      'you may want to check the logs first',
    ]);
    expect(itemsOf(said)).toEqual([{ text: 'chen will check the vendor contract in two weeks', owner: 'Chen', due: '2026-12-16' }]);
  });

  test.each([
    ['sarah will update the runbook by thursday maybe you should read the changelog first', 'sarah will update the runbook by thursday', 'Sarah', '2026-12-03'],
    ['priya will send the invoice tomorrow they can pay it next month', 'priya will send the invoice tomorrow', 'Priya', '2026-12-03'],
    ['omar is going to book the room on friday he might bring the projector', 'omar is going to book the room on friday', 'Omar', '2026-12-04'],
  ])('%s', (said, item, owner, due) => {
    expect(sentencesOf(said)[0]).toBe(item);
    expect(itemsOf(said)).toEqual([{ text: item, owner, due }]);
  });

  test('a pronoun after a function word or a verb of saying goes on the same sentence', () => {
    expect(sentencesOf('this library is fully typed and you can improve things by providing types')).toEqual(['this library is fully typed and you can improve things by providing types']);
    expect(sentencesOf('kim said she will send the research summary on friday')).toEqual(['kim said she will send the research summary on friday']);
    expect(itemsOf('kim said she will send the research summary on friday')).toEqual([{ text: 'kim said she will send the research summary on friday', owner: 'Kim', due: '2026-12-04' }]);
  });
});

describe('lowercase captions: a noun phrase is not an owner', () => {
  test.each([
    // The eval's own (vtt-lowercase of the ops weekly).
    'the cluster upgrade will start when the freeze ends',
    'yes the cluster upgrade will start when the freeze ends',
    'the new billing service will launch next week',
    'our database migration needs to wait for the audit',
    'the vendor contract is going to lapse in january',
  ])('%s', (said) => {
    expect(sentencesOf(said)).toEqual([said]);
    expect(itemsOf(said)).toEqual([]);
  });

  test('a name after a longer clause that ends in a noun phrase still starts a commitment', () => {
    const said = 'it can comfortably run both in node and in the browser marco is going to look into the flaky retry test';
    expect(itemsOf(said)).toEqual([{ text: 'marco is going to look into the flaky retry test', owner: 'Marco', due: undefined }]);
  });
});
