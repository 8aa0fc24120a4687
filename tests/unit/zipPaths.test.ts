import { describe, expect, test } from 'vitest';
import { archivePaths, archiveStem, entryPath } from '../../workers/zip/paths.ts';

describe('entryPath()', () => {
  test('keeps files, with Windows separators and leading ./ and / cleaned', () => {
    expect(entryPath('standup/screens/0001.png')).toBe('standup/screens/0001.png');
    expect(entryPath('standup\\audio.wav')).toBe('standup/audio.wav');
    expect(entryPath('./standup//notes.md')).toBe('standup/notes.md');
    expect(entryPath('/abs/a.png')).toBe('abs/a.png');
  });

  test('skips folders, __MACOSX, resource forks and system junk', () => {
    expect(entryPath('standup/')).toBeNull();
    expect(entryPath('__MACOSX/standup/._0001.png')).toBeNull();
    expect(entryPath('standup/__MACOSX/x.png')).toBeNull();
    expect(entryPath('standup/._audio.wav')).toBeNull();
    expect(entryPath('standup/.DS_Store')).toBeNull();
    expect(entryPath('standup/Thumbs.db')).toBeNull();
  });

  test('skips names that climb out of the archive', () => {
    expect(entryPath('../evil.png')).toBeNull();
    expect(entryPath('a/../../b.png')).toBeNull();
  });
});

describe('archivePaths()', () => {
  test('entries in one top folder keep their paths', () => {
    expect(archivePaths('x.zip', ['standup/audio.wav', 'standup/screens/1.png'])).toEqual(['standup/audio.wav', 'standup/screens/1.png']);
  });

  test('loose files and several folders go under a folder named after the zip', () => {
    expect(archivePaths('Meeting.ZIP', ['audio.wav', 'screens/1.png'])).toEqual(['Meeting/audio.wav', 'Meeting/screens/1.png']);
    expect(archivePaths('week.zip', ['standup/a.wav', 'review/b.wav'])).toEqual(['week/standup/a.wav', 'week/review/b.wav']);
    expect(archivePaths('one.zip', ['a.wav'])).toEqual(['one/a.wav']);
  });

  test('archiveStem() - the name without .zip, never empty', () => {
    expect(archiveStem('exports/sessions.zip')).toBe('sessions');
    expect(archiveStem('.zip')).toBe('archive');
    expect(archiveStem('data.tar.zip')).toBe('data.tar');
  });
});
