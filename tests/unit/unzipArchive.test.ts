import { strToU8, Zip, ZipDeflate, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { unzipArchive } from '../../workers/zip/unzipArchive.ts';
import { zerosBomb } from '../browser/fixtures/zips.ts';

const MB = 1024 * 1024;
const mtime = new Date(2026, 10, 21, 14, 0, 4);
const wav = new Uint8Array(3000).map((_, i) => (i * 7919) % 251);

const fileOf = (bytes: Uint8Array<ArrayBuffer>, name: string) => new File([bytes], name);

/** A zip written by a streaming zipper: no sizes in the local headers, a data descriptor after each file. */
function streamedZip(entries: Array<[string, Uint8Array]>): Uint8Array<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [name, data] of entries) {
    const file = new ZipDeflate(name, { level: 1 });
    zip.add(file);
    file.push(data, true);
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

async function sameBytes(file: File | undefined, bytes: Uint8Array): Promise<boolean> {
  return file !== undefined && Buffer.from(await file.arrayBuffer()).equals(bytes);
}

async function text(file: File | undefined): Promise<string> {
  return file ? file.text() : '';
}

describe('unzipArchive() - what comes out', () => {
  test('two session folders: every file with its path, bytes and time; folders and __MACOSX skipped', async () => {
    const bytes = zipSync(
      {
        week: {
          standup: { 'audio.wav': wav, 'notes.md': strToU8('- [ ] Send the fix') },
          review: { 'meeting.wav': wav },
        },
        __MACOSX: { week: { standup: { '._audio.wav': strToU8('fork') } } },
      },
      { mtime },
    );
    const outcome = await unzipArchive(fileOf(bytes, 'week.zip'));
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.files.map((f) => f.path)).toEqual(['week/standup/audio.wav', 'week/standup/notes.md', 'week/review/meeting.wav']);
    const [audio, notes] = outcome.files;
    expect(await sameBytes(audio?.file, wav)).toBe(true);
    expect(audio?.file.name).toBe('audio.wav');
    expect(audio?.file.lastModified).toBe(mtime.getTime());
    expect(await text(notes?.file)).toBe('- [ ] Send the fix');
  });

  test('loose files go under a folder named after the zip', async () => {
    const outcome = await unzipArchive(fileOf(zipSync({ 'audio.wav': wav, 'shots/1.png': new Uint8Array(4) }), 'Standup 3.zip'));
    expect(outcome.ok && outcome.files.map((f) => f.path)).toEqual(['Standup 3/audio.wav', 'Standup 3/shots/1.png']);
  });

  test('entries written by a streaming zipper (data descriptors, no sizes) unpack too', async () => {
    const big = new Uint8Array(3 * MB).map((_, i) => (i * 2654435761) >>> 24);
    const bytes = streamedZip([
      ['s/a.wav', big],
      ['s/notes.md', strToU8('hello')],
    ]);
    const outcome = await unzipArchive(fileOf(bytes, 's.zip'));
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.files.map((f) => [f.path, f.file.size])).toEqual([
      ['s/a.wav', 3 * MB],
      ['s/notes.md', 5],
    ]);
    expect(await sameBytes(outcome.files[0]?.file, big)).toBe(true);
  });

  test('an empty zip gives no files', async () => {
    const outcome = await unzipArchive(fileOf(zipSync({}), 'empty.zip'));
    expect(outcome).toEqual({ ok: true, files: [] });
  });
});

describe('unzipArchive() - refusals', () => {
  test('a bomb of zeros is refused for its ratio, naming the zip', async () => {
    const bytes = zerosBomb('bomb/zeros.wav', 300);
    expect(bytes.length).toBeLessThan(MB);
    expect(await unzipArchive(fileOf(bytes, 'bomb.zip'))).toEqual({
      ok: false,
      kind: 'ratio',
      message: 'bomb.zip was not imported: it would unpack to more than 100 times its size, as a zip bomb does.',
    });
  });

  test('a bomb whose directory lies about its sizes is refused while inflating', async () => {
    // The directory claims 1:1, so only the bytes coming out of the inflater can give it away.
    const bytes = zerosBomb('bomb/zeros.wav', 300, { forgeSizes: true });
    expect(await unzipArchive(fileOf(bytes, 'forged.zip'))).toMatchObject({ ok: false, kind: 'ratio' });
  });

  test('a zip unpacking past the size limit is refused while inflating, saying the limit', async () => {
    const bytes = zerosBomb('s/zeros.wav', 16, { forgeSizes: true });
    const outcome = await unzipArchive(fileOf(bytes, 'archive.zip'), { maxTotalBytes: 8 * MB, maxRatio: 10_000 });
    expect(outcome).toEqual({ ok: false, kind: 'too-big', message: 'archive.zip was not imported: it would unpack to more than 8 MB.' });
  });

  test('a central directory declaring too much is refused before inflating', async () => {
    const bytes = zipSync({ s: { 'a.wav': wav, 'b.wav': wav, 'c.wav': wav } });
    expect(await unzipArchive(fileOf(bytes, 'many.zip'), { maxEntries: 2 })).toMatchObject({
      kind: 'too-many-files',
      message: 'many.zip was not imported: it holds more than 2 files.',
    });
    expect(await unzipArchive(fileOf(bytes, 'big.zip'), { maxTotalBytes: 8000 })).toMatchObject({ kind: 'too-big' });
  });

  test('a file that is not a zip, and a zip cut short, are refused', async () => {
    expect(await unzipArchive(new File(['hello'], 'notes.zip'))).toMatchObject({
      kind: 'not-zip',
      message: 'notes.zip was not imported: it is not a zip file.',
    });
    const bytes = streamedZip([['s/a.wav', new Uint8Array(MB).map((_, i) => (i * 2654435761) >>> 24)]]);
    expect(await unzipArchive(fileOf(bytes.slice(0, bytes.length / 2), 'cut.zip'))).toMatchObject({
      kind: 'damaged',
      message: 'cut.zip was not imported: it is damaged or cut short.',
    });
  });

  test('a password-protected file is refused, naming it', async () => {
    const bytes = zipSync({ s: { 'a.wav': wav } });
    // Set bit 0 of the flags in the local header and in the central directory record.
    const view = new DataView(bytes.buffer);
    for (let i = 0; i + 4 <= bytes.length; i++) {
      const signature = view.getUint32(i, true);
      if (signature === 0x04034b50) view.setUint16(i + 6, view.getUint16(i + 6, true) | 1, true);
      if (signature === 0x02014b50) view.setUint16(i + 8, view.getUint16(i + 8, true) | 1, true);
    }
    expect(await unzipArchive(fileOf(bytes, 'secret.zip'))).toMatchObject({
      kind: 'encrypted',
      message: 'secret.zip was not imported: s/a.wav is protected by a password.',
    });
  });
});
