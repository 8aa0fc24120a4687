import { describe, expect, test } from 'vitest';
import { kindOf } from '../../src/import/files.ts';
import { groupFiles } from '../../src/import/groupFiles.ts';
import { parseManifest } from '../../src/import/manifest.ts';

describe('groupFiles() with videos', () => {
  test('mp4, mov, webm and mkv are videos', () => {
    expect(['a.mp4', 'b.MOV', 'c.webm', 'd.mkv'].map(kindOf)).toEqual(['video', 'video', 'video', 'video']);
  });

  test('videos picked on their own are one session each, named after the file', () => {
    expect(groupFiles(['demo.mp4', 'call.webm'])).toEqual([
      { folder: '', paths: ['call.webm'], title: 'call' },
      { folder: '', paths: ['demo.mp4'], title: 'demo' },
    ]);
    expect(groupFiles(['recordings/a.mkv', 'recordings/b.mov']).map((g) => g.title)).toEqual(['a', 'b']);
  });

  test('a video in a session folder joins that session', () => {
    expect(groupFiles(['standup/screens/1.png', 'standup/screen.mp4', 'standup/notes.md'])).toEqual([
      { folder: 'standup', paths: ['standup/notes.md', 'standup/screen.mp4', 'standup/screens/1.png'] },
    ]);
    expect(groupFiles(['demo/session.json', 'demo/demo.mp4'])).toHaveLength(1);
  });

  test('session.json places videos with "videos": [{ file, at }]', () => {
    const { manifest, warnings } = parseManifest(JSON.stringify({ videos: [{ file: 'screen.mp4', at: '2026-11-20T09:00:00Z' }] }));
    expect(warnings).toEqual([]);
    expect(manifest.videos).toEqual(['screen.mp4']);
    expect(manifest.times.get('screen.mp4')).toBe(Date.parse('2026-11-20T09:00:00Z'));
  });
});
