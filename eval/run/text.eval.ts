// npm run eval, text part: the real transcript and summary stages, in Node, on three meetings in
// four forms (notes; WebVTT with speakers; SRT without punctuation; lowercase captions), scored
// against the planted commitments and decisions. Takes a second or two.
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { scoreSource, SOURCES, type Score } from './textScore.ts';

const RESULTS_DIR = 'eval/.corpus';

test('scores action items, owners, due dates and decisions on the meetings', async () => {
  const scores: Score[] = [];
  for (const source of SOURCES) {
    const s = await scoreSource(source);
    scores.push(s);
    console.info(`${source}: found ${s.found}/${s.planted}, owners ${s.ownersRight}/${s.owners}, due ${s.duesRight}/${s.dues}, decisions ${s.decisionsRight}/${s.decisions}, false ${s.falseItems} in ${s.sentences} sentences, longest sentence ${s.longestSentence}, item ${s.longestItem}`);
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(`${RESULTS_DIR}/text-results.json`, JSON.stringify({ scores }, null, 1));
  expect(scores).toHaveLength(SOURCES.length);
});
