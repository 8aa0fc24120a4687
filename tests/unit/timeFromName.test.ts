import { describe, expect, it } from 'vitest';
import { timeFromName } from '../../src/import/timeFromName.ts';

const local = (y: number, mo: number, d: number, h: number, mi: number, s: number) => new Date(y, mo - 1, d, h, mi, s).getTime();

describe('timeFromName: the moment a screenshot or recording tool wrote into a file name (local time)', () => {
  it.each([
    ['2026-11-20T09-00-05.png', local(2026, 11, 20, 9, 0, 5)],
    ['Screenshot 2026-11-20 at 09.00.05.png', local(2026, 11, 20, 9, 0, 5)],
    ['Screen Recording 2026-11-20 at 14.31.07.mov', local(2026, 11, 20, 14, 31, 7)],
    ['Screen Shot 2020-05-01 at 9.05.03 AM.png', local(2020, 5, 1, 9, 5, 3)],
    ['Screen Shot 2020-05-01 at 12.05.03 AM.png', local(2020, 5, 1, 0, 5, 3)],
    ['Screen Shot 2020-05-01 at 1.05.03 PM.png', local(2020, 5, 1, 13, 5, 3)],
    ['Screenshot 2026-11-20 at 9.00.05\u202fPM.png', local(2026, 11, 20, 21, 0, 5)],
    ['Screenshot from 2026-11-20 09-00-05.png', local(2026, 11, 20, 9, 0, 5)],
    ['Screenshot 2026-11-20 090005.png', local(2026, 11, 20, 9, 0, 5)],
    ['Screenshot_20261120-090005.png', local(2026, 11, 20, 9, 0, 5)],
    ['Screenshot_20261120_090005_Chrome.jpg', local(2026, 11, 20, 9, 0, 5)],
    ['2026-11-20 09-00-05.mkv', local(2026, 11, 20, 9, 0, 5)],
    ['standup 2026-11-20_09.00.05.webm', local(2026, 11, 20, 9, 0, 5)],
  ])('%s', (name, expected) => {
    expect(timeFromName(name)).toBe(expected);
  });

  it.each(['shot-01.png', 'invoice 2026-11-20.png', 'Screenshot 2026-13-40 at 25.61.61.png', 'build-20261120.log', 'IMG_1234.png'])(
    '%s has no time in its name',
    (name) => {
      expect(timeFromName(name)).toBeUndefined();
    },
  );
});
