import { describe, expect, test } from 'vitest';
import { buildSession } from '../../src/import/buildSession.ts';

const MB = 1024 * 1024;
const PROSE = 'We reviewed the invoice export and found that it drops rows when the retry fires twice. ';
const prose = (bytes: number) => PROSE.repeat(Math.ceil(bytes / PROSE.length)).slice(0, bytes);

async function built(entries: Record<string, string>) {
  const files = new Map(Object.entries(entries).map(([name, text]) => [`s/${name}`, new File([text], name)]));
  return (await buildSession({ folder: 's', paths: [...files.keys()] }, files, 0)).session;
}

/**
 * Notes are read whole on the main thread and searched whole: a notes file is cut at 1 MB. The
 * "notes" of a session.json, and several notes files together, were not: a session.json of
 * 10 MB of notes imported all of them, and the search then never answered. A session keeps at
 * most 1 MB of notes in all, saying what it cut.
 */
describe('a session keeps at most 1 MB of notes', () => {
  test('the "notes" of a session.json are cut at 1 MB, with a warning', async () => {
    const session = await built({ 'session.json': JSON.stringify({ title: 'Big manifest', notes: prose(10 * MB) }) });
    expect(session.notes.length).toBe(MB);
    expect(session.warnings).toEqual(['session.json: "notes" is longer than 1 MB; only its first megabyte was kept.']);
  });

  test('notes files that are under 1 MB each but more together are cut where the megabyte ends', async () => {
    const session = await built({ 'a.md': prose(0.6 * MB), 'b.md': prose(0.6 * MB), 'c.md': prose(1000) });
    // Joined with a blank line between files.
    expect(session.notes.length).toBeLessThanOrEqual(MB + 4);
    expect(session.notes.startsWith(prose(0.6 * MB))).toBe(true);
    expect(session.warnings).toEqual([
      'b.md was cut: a session keeps at most 1 MB of notes in all.',
      'c.md was left out: a session keeps at most 1 MB of notes in all.',
    ]);
  });

  test('one notes file over 1 MB says so as before', async () => {
    const session = await built({ 'notes.md': prose(2 * MB) });
    expect(session.notes.length).toBe(MB);
    expect(session.warnings).toEqual(['notes.md is larger than 1 MB; only its first megabyte was kept.']);
  });
});
