import { expect, test } from 'vitest';
import { timedBoundaryScore } from '../../eval/run/timedScore.ts';

test('a found chapter start counts when within the tolerance of a true change, each matched once', () => {
  // 10.4 matches 10; 10.9 is near 10 too but 10 is taken; 31 is 2 s from 29, outside 1.5 s.
  const score = timedBoundaryScore([10, 20, 29], [10.4, 10.9, 19, 31], 1.5);
  expect(score).toMatchObject({ truth: 3, predicted: 4, hits: 2, precision: 0.5 });
  expect(score.recall).toBeCloseTo(2 / 3);
});

test('closest pairs are matched first, so a near start is not lost to a farther one', () => {
  // Greedy in listed order would pair 10 with 11.2 and leave 12 unmatched.
  expect(timedBoundaryScore([10, 12], [11.2, 9.9], 1.5).hits).toBe(2);
  expect(timedBoundaryScore([], [], 1.5)).toMatchObject({ precision: 1, recall: 1 });
});
