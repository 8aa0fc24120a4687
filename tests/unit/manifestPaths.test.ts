import { describe, expect, test } from 'vitest';
import { buildSession } from '../../src/import/buildSession.ts';

async function built(manifest: unknown, names: string[]) {
  const files = new Map<string, File>([['s/session.json', new File([JSON.stringify(manifest)], 'session.json')]]);
  for (const name of names) files.set(`s/${name}`, new File(['x'], name.slice(name.lastIndexOf('/') + 1)));
  return (await buildSession({ folder: 's', paths: [...files.keys()] }, files, 0)).session;
}

/**
 * A session.json names files by their path in the session folder. Tools write that path as
 * "./screens/0001.png", or on Windows as "screens\\0001.png": the same file. Such names were
 * reported as missing ("session.json names ./screens/0001.png, which is not in the folder")
 * and their times and order were dropped.
 */
describe('session.json paths written with ./ or backslashes', () => {
  const at = '2026-11-20T09:00:05Z';

  test('name the files they mean: no warning, and their times and order count', async () => {
    const session = await built(
      {
        screenshots: [{ file: 'screens\\b.png', at }, { file: './screens/a.png', at: '2026-11-20T09:00:10Z' }],
        audio: [{ file: '.\\call.wav', at }],
        transcript: './talk.vtt',
      },
      ['screens/a.png', 'screens/b.png', 'call.wav', 'other.vtt', 'talk.vtt'],
    );
    expect(session.warnings).toEqual([]);
    expect(session.screenshots.map((ref) => [ref.name, ref.at, ref.atFrom])).toEqual([
      ['screens/b.png', Date.parse(at), 'manifest'],
      ['screens/a.png', Date.parse('2026-11-20T09:00:10Z'), 'manifest'],
    ]);
    expect(session.audio[0]?.atFrom).toBe('manifest');
    expect(session.transcript?.name).toBe('talk.vtt');
  });
});
