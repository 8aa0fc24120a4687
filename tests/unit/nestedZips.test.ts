import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, test } from 'vitest';
import { importPicked } from '../../src/import/importPicked.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import type { ZipLimits } from '../../src/shared/zip.ts';
import type { SessionStore } from '../../src/store/sessionStore.ts';
import { unzipArchive } from '../../workers/zip/unzipArchive.ts';

const MB = 1024 * 1024;
const wav = new Uint8Array(3000).map((_, i) => (i * 7919) % 251);

/** A store that keeps what it is given in memory: these tests are about which sessions are made. */
function memoryStore(): { store: SessionStore; stored: SessionRecord[] } {
  const stored: SessionRecord[] = [];
  const store = { add: async (session: SessionRecord) => void stored.push(session) } as unknown as SessionStore;
  return { store, stored };
}

const session = (folder: string): Zippable => ({ [folder]: { 'notes.md': strToU8(`Notes of ${folder}`), 'audio.wav': wav } });
const zipOf = (files: Zippable): Uint8Array => zipSync(files, { mtime: new Date(2026, 10, 21) });

/** Imports one picked zip as the app does, with the worker's unpacking run here, in Node. */
async function importZip(name: string, bytes: Uint8Array, limits: Partial<ZipLimits> = {}) {
  const { store, stored } = memoryStore();
  const report = await importPicked([{ path: name, file: new File([bytes as Uint8Array<ArrayBuffer>], name) }], store, {
    unzip: (archive, innerLimits) => unzipArchive(archive, innerLimits),
    limits,
  });
  return { report, titles: stored.map((s) => s.title).sort() };
}

describe('importPicked() - zips inside a zip', () => {
  test('each session zipped, then all zipped together: every inner zip imports, as if picked alongside', async () => {
    const all = zipOf({
      'standup.zip': zipOf(session('standup')),
      // Loose files in an inner zip make one session named after it, as in a picked zip.
      'review.zip': zipOf({ 'notes.md': strToU8('Review'), 'meeting.wav': wav }),
      ...session('retro'),
    });
    const { report, titles } = await importZip('all.zip', all);
    expect(report.refused).toEqual([]);
    expect(titles).toEqual(['retro', 'review', 'standup']);
  });

  test('a damaged inner zip is refused on its own, named with the zip it is in; the others import', async () => {
    const good = zipOf(session('standup'));
    const broken = zipOf(session('review')).slice(0, 200);
    const { report, titles } = await importZip('all.zip', zipOf({ 'standup.zip': good, 'review.zip': broken }));
    expect(report.refused).toEqual(['all.zip/review.zip was not imported: it is damaged or cut short.']);
    expect(titles).toEqual(['standup']);
  });

  test('zips are read one level deep: a zip of a zip of zips is refused with a hint', async () => {
    const deep = zipOf({ 'mid.zip': zipOf({ 'standup.zip': zipOf(session('standup')) }) });
    const { report, titles } = await importZip('deep.zip', deep);
    expect(report.refused).toEqual([
      'deep.zip/mid.zip was not imported: it holds only zips, and zips inside a zip are read one level deep. Unzip it and pick the zips inside.',
    ]);
    expect(titles).toEqual([]);
  });

  test('a nested bomb: small zips of 1 MB of zeros each, under the ratio grace alone, are refused together as a bomb', async () => {
    const inner = zipOf({ 'standup/audio.wav': new Uint8Array(MB) });
    const zips: Zippable = {};
    for (let i = 0; i < 20; i++) zips[`s${i}.zip`] = inner;
    const bomb = zipOf(zips);
    // 20 MB from a few kilobytes: a flat zip that did so would be refused (100 times, past 4 MB).
    expect(bomb.length).toBeLessThan(40_000);
    const { report, titles } = await importZip('bomb.zip', bomb);
    expect(report.refused).toEqual(['bomb.zip was not imported: it would unpack to more than 100 times its size, as a zip bomb does.']);
    expect(titles).toEqual([]);
  });

  test('the inner zips share the outer zip\'s size limit: each fits alone, together they are refused whole', async () => {
    const noise = (seed: number) => new Uint8Array(5000).map((_, i) => (i * 7919 + seed * 104729) % 251);
    const all = zipOf({ 'a.zip': zipOf({ 'a/audio.wav': noise(1) }), 'b.zip': zipOf({ 'b/audio.wav': noise(2) }) });
    const { report, titles } = await importZip('all.zip', all, { maxTotalBytes: 8000 });
    expect(report.refused).toEqual(['all.zip was not imported: it would unpack to more than 7.8 KB.']);
    expect(titles).toEqual([]);
  });

  test('the inner zips share the outer zip\'s file count', async () => {
    const all = zipOf({ 'a.zip': zipOf(session('a')), 'b.zip': zipOf(session('b')) });
    const { report, titles } = await importZip('all.zip', all, { maxEntries: 3 });
    expect(report.refused).toEqual(['all.zip was not imported: it holds more than 3 files.']);
    expect(titles).toEqual([]);
  });
});
