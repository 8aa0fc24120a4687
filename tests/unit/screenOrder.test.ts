import { expect, test } from 'vitest';
import { inTimeOrder, type ScreenSource } from '../../workers/video/screens.ts';

const screen = (id: string, at: number | null, video?: string): ScreenSource => ({
  id,
  name: id,
  at,
  read: async () => new Blob(),
  ...(video ? { video: { id: video, timeSec: 0, durationSec: 10 } } : {}),
});

test('screenshots and video frames interleave by time; an untimed screen stays after its predecessor', () => {
  const listed = [screen('shot-a', 1000), screen('shot-b', 9000), screen('shot-c', null), screen('v@0', 0, 'v'), screen('v@5000', 5000, 'v')];
  expect(inTimeOrder(listed).map((s) => s.id)).toEqual(['v@0', 'shot-a', 'v@5000', 'shot-b', 'shot-c']);
});
