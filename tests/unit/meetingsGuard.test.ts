import { describe, expect, test } from 'vitest';
import { scoreSource, type Source } from '../../eval/run/textScore.ts';

/**
 * A regression guard from `npm run eval:text` (docs/quality.md): the meetings' planted commitments
 * and decisions, in each form, through the real transcript and summary stages. The floors are the
 * figures measured when the guard was written, so a change that loses any of them fails here.
 */
const FLOORS: Record<Source, { found: number; owners: number; dues: number; decisions: number; falsePer100: number }> = {
  notes: { found: 1, owners: 1, dues: 1, decisions: 1, falsePer100: 0 },
  'vtt-speakers': { found: 1, owners: 1, dues: 1, decisions: 1, falsePer100: 0 },
  'srt-unpunctuated': { found: 1, owners: 1, dues: 1, decisions: 1, falsePer100: 1.5 },
  'vtt-lowercase': { found: 1, owners: 1, dues: 1, decisions: 1, falsePer100: 0 },
};

describe('action items on the eval meetings', () => {
  test.each(Object.entries(FLOORS) as Array<[Source, (typeof FLOORS)[Source]]>)('%s keeps its figures', async (source, floor) => {
    const s = await scoreSource(source);
    expect({
      found: s.found / s.planted >= floor.found,
      owners: s.ownersRight / s.owners >= floor.owners,
      dues: s.duesRight / s.dues >= floor.dues,
      decisions: s.decisionsRight / s.decisions >= floor.decisions,
      falseItems: (100 * s.falseItems) / s.sentences <= floor.falsePer100,
      itemsUnderCap: s.longestItem <= 300,
      sentencesUnderCap: s.longestSentence <= 300,
    }).toEqual({ found: true, owners: true, dues: true, decisions: true, falseItems: true, itemsUnderCap: true, sentencesUnderCap: true });
  });
});
