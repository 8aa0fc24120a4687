import { zipSync, type Zippable } from 'fflate';
import { afterEach, describe, expect, test } from 'vitest';
import { importPicked } from '../../src/import/importPicked.ts';
import { unzipFile, Unzipper } from '../../src/import/unzip.ts';
import { openEnricherDb, type EnricherDb } from '../../src/shared/db.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { fixtureBytes } from './fixtures/fixtureSessions.ts';
import { deleteDatabase, uniqueDbName } from './fixtures/sessions.ts';
import { zerosBomb } from './fixtures/zips.ts';

const opened: Array<{ db: EnricherDb; name: string }> = [];

async function store(): Promise<SessionStore> {
  const name = uniqueDbName();
  const db = await openEnricherDb(name);
  opened.push({ db, name });
  return new SessionStore(db);
}

afterEach(async () => {
  for (const { db, name } of opened.splice(0)) {
    db.close();
    await deleteDatabase(name);
  }
});

/** The two fixture session folders, zipped side by side at the archive's root. */
async function sessionsZip(mtime: Date): Promise<File> {
  const files: Zippable = {};
  for (const [path, bytes] of await fixtureBytes()) files[path] = bytes;
  return new File([zipSync(files, { mtime })], 'sessions.zip', { type: 'application/zip' });
}

async function storedCounts(sessions: SessionStore): Promise<[number, number]> {
  return [await sessions.db.count('sessions'), await sessions.db.count('media')];
}

describe('zip import', () => {
  test('a zip of two session folders imports two sessions, with their files and times', async () => {
    const sessions = await store();
    const mtime = new Date(2026, 10, 21, 14, 5, 0);
    const report = await importPicked([{ path: 'sessions.zip', file: await sessionsZip(mtime) }], sessions);

    expect(report.refused).toEqual([]);
    expect(report.imported.map((s) => s.title).sort()).toEqual(['Team standup', 'design-review']);
    const standup = report.imported.find((s) => s.title === 'Team standup')!;
    const review = report.imported.find((s) => s.title === 'design-review')!;
    expect(standup.screenshots.map((ref) => ref.name)).toEqual(['screens/0001.png', 'screens/0002.png', 'screens/0003.png']);
    expect(standup.notes).toContain('Send the invoice export fix');
    expect(standup.startedAt).toBe(Date.parse('2026-11-20T09:00:00Z'));
    // No time in its name nor a manifest: the recording's time is the one the zip kept for it.
    expect(review.audio[0]?.at).toBe(mtime.getTime());
    expect(review.screenshots.map((ref) => ref.at)).toEqual([new Date(2026, 10, 21, 14, 0, 5).getTime(), new Date(2026, 10, 21, 14, 3, 10).getTime()]);

    expect(await storedCounts(sessions)).toEqual([2, 4 + 3]);
    const original = (await fixtureBytes()).get('design-review/meeting.wav')!;
    const stored = new Uint8Array(await (await sessions.media(review.audio[0]!.id))!.arrayBuffer());
    expect(stored.length).toBe(original.length);
    expect(stored.every((byte, i) => byte === original[i])).toBe(true);
  });

  test('a small zip that would unpack to hundreds of MB is refused with the reason, and nothing is stored', async () => {
    const sessions = await store();
    const bomb = new File([zerosBomb('standup/audio.wav', 400)], 'archive.zip');
    expect(bomb.size).toBeLessThan(1024 * 1024);
    const report = await importPicked([{ path: 'archive.zip', file: bomb }], sessions);
    expect(report).toEqual({
      imported: [],
      refused: ['archive.zip was not imported: it would unpack to more than 100 times its size, as a zip bomb does.'],
    });
    expect(await storedCounts(sessions)).toEqual([0, 0]);
  });

  test('a bomb whose directory lies about its sizes is refused while it inflates, next to a zip that imports', async () => {
    const sessions = await store();
    const forged = new File([zerosBomb('standup/audio.wav', 400, { forgeSizes: true })], 'forged.zip');
    const report = await importPicked(
      [
        { path: 'forged.zip', file: forged },
        { path: 'sessions.zip', file: await sessionsZip(new Date()) },
      ],
      sessions,
    );
    expect(report.refused).toEqual(['forged.zip was not imported: it would unpack to more than 100 times its size, as a zip bomb does.']);
    expect(report.imported).toHaveLength(2);
    expect(await storedCounts(sessions)).toEqual([2, 7]);
  });

  test('unzipFile() - the size limit is checked in the worker, and the refusal names it', async () => {
    const outcome = await unzipFile(await sessionsZip(new Date()), { limits: { maxTotalBytes: 100_000 } });
    expect(outcome).toEqual({ ok: false, kind: 'too-big', message: 'sessions.zip was not imported: it would unpack to more than 97.7 KB.' });
  });

  test('unzipFile() - an abort stops the worker and rejects with an AbortError', async () => {
    const controller = new AbortController();
    const pending = unzipFile(new File([zerosBomb('a/b.wav', 50, { forgeSizes: true })], 'slow.zip'), {
      signal: controller.signal,
      limits: { maxRatio: 1e6, maxTotalBytes: 1e12 },
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('Unzipper - after an abort the next zip gets a fresh worker and unpacks', async () => {
    const unzipper = new Unzipper();
    try {
      const controller = new AbortController();
      const aborted = unzipper.unzip(new File([zerosBomb('a/b.wav', 50, { forgeSizes: true })], 'slow.zip'), {
        signal: controller.signal,
        limits: { maxRatio: 1e6, maxTotalBytes: 1e12 },
      });
      controller.abort();
      await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
      const outcome = await unzipper.unzip(await sessionsZip(new Date()));
      expect(outcome.ok && outcome.files).toHaveLength(9);
    } finally {
      unzipper.close();
    }
  });

  test('a zip of zips (each session zipped, then both zipped together) imports both sessions, unpacked in the worker', async () => {
    const sessions = await store();
    const bySession = new Map<string, Zippable>();
    for (const [path, bytes] of await fixtureBytes()) {
      const folder = path.slice(0, path.indexOf('/'));
      bySession.set(folder, { ...bySession.get(folder), [path]: bytes });
    }
    const inner: Zippable = {};
    for (const [folder, files] of bySession) inner[`${folder}.zip`] = zipSync(files);
    const all = new File([zipSync(inner)], 'all.zip', { type: 'application/zip' });
    const report = await importPicked([{ path: 'all.zip', file: all }], sessions);
    expect(report.refused).toEqual([]);
    expect(report.imported.map((s) => s.title).sort()).toEqual(['Team standup', 'design-review']);
    expect(await storedCounts(sessions)).toEqual([2, 7]);
  });

  test('a zip with no session in it is refused, saying so', async () => {
    const sessions = await store();
    const zip = new File([zipSync({ 'readme.pdf': new Uint8Array(10) })], 'docs.zip');
    const report = await importPicked([{ path: 'docs.zip', file: zip }], sessions);
    expect(report.refused).toEqual([
      'docs.zip was not imported: no session was found in it (a session folder holds screenshots, audio, a transcript, notes or a session.json).',
    ]);
  });
});
