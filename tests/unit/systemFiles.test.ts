import { describe, expect, test } from 'vitest';
import { isZip } from '../../src/import/files.ts';
import { groupFiles } from '../../src/import/groupFiles.ts';

/**
 * A zip made on a Mac and unpacked elsewhere (Windows' "Extract all", unzip on Linux) leaves a
 * `__MACOSX/` folder of AppleDouble files beside the sessions, and a Mac copying to a USB stick
 * leaves a `._name` beside every file. They are a few kilobytes of metadata named like the
 * pictures they describe (`._0001.png`), never a picture. Zips already skip them
 * (tests/unit/zipPaths.test.ts); a picked or dropped folder must too.
 */
describe('groupFiles() with macOS metadata in a picked folder', () => {
  test('__MACOSX/ makes no session of its own', () => {
    const groups = groupFiles([
      'trip/standup/screens/0001.png',
      'trip/standup/notes.md',
      'trip/__MACOSX/standup/screens/._0001.png',
      'trip/__MACOSX/standup/._notes.md',
    ]);
    expect(groups).toEqual([{ folder: 'trip/standup', paths: ['trip/standup/notes.md', 'trip/standup/screens/0001.png'] }]);
  });

  test('a ._name file beside a screenshot is not a screenshot of the session', () => {
    const groups = groupFiles(['standup/screens/0001.png', 'standup/screens/._0001.png', 'standup/._audio.wav', 'standup/audio.wav']);
    expect(groups).toEqual([{ folder: 'standup', paths: ['standup/audio.wav', 'standup/screens/0001.png'] }]);
  });

  test('a folder holding only macOS metadata holds no session', () => {
    expect(groupFiles(['__MACOSX/standup/._0001.png', 'standup/._notes.md', 'standup/.DS_Store'])).toEqual([]);
  });
});

describe('isZip() with macOS metadata', () => {
  // A Mac copying zips to a USB stick leaves `._sessions.zip` beside `sessions.zip`: a few kilobytes
  // of metadata that, read as a zip, was refused as a damaged one beside the real import.
  test('a ._name.zip or a zip under __MACOSX/ is no zip to unpack', () => {
    expect(isZip({ path: 'stick/sessions.zip' })).toBe(true);
    expect(isZip({ path: 'stick/._sessions.zip' })).toBe(false);
    expect(isZip({ path: '__MACOSX/stick/sessions.zip' })).toBe(false);
  });
});
