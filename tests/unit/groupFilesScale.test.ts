import { afterEach, describe, expect, it } from 'vitest';
import { groupFiles } from '../../src/import/groupFiles.ts';

/** A folder of `count` sessions, each with a screenshot in screens/, notes and a transcript. */
const library = (count: number) =>
  Array.from({ length: count }, (_, i) => {
    const folder = `library/session-${String(i).padStart(5, '0')}`;
    return [`${folder}/screens/0001.png`, `${folder}/notes.md`, `${folder}/transcript.vtt`];
  }).flat();

const prefixChecks = { count: 0 };
const startsWith = String.prototype.startsWith;
afterEach(() => {
  String.prototype.startsWith = startsWith;
});

/** How many prefix checks grouping the paths makes: the work that was quadratic in the sessions. */
function checksToGroup(paths: string[]): number {
  prefixChecks.count = 0;
  String.prototype.startsWith = function (this: string, ...args: Parameters<string['startsWith']>) {
    prefixChecks.count++;
    return startsWith.apply(this, args);
  };
  try {
    groupFiles(paths);
  } finally {
    String.prototype.startsWith = startsWith;
  }
  return prefixChecks.count + 1;
}

describe('groupFiles over a big library', () => {
  it('groups each session folder with its deeper files, in folder order', () => {
    const groups = groupFiles(library(3));
    expect(groups.map((group) => group.folder)).toEqual(['library/session-00000', 'library/session-00001', 'library/session-00002']);
    expect(groups[0]!.paths).toEqual(['library/session-00000/notes.md', 'library/session-00000/screens/0001.png', 'library/session-00000/transcript.vtt']);
  });

  it('does work in proportion to the files, not to files times sessions', () => {
    // Before: every file was checked against every session folder, 12 million checks for 2,000
    // sessions, seconds of the change event's task before the import's first await.
    const small = checksToGroup(library(250));
    const big = checksToGroup(library(2000));
    expect(big / small).toBeLessThan(8 * 1.5);
  });
});
