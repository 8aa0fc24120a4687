import { strToU8, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { findEndRecord, parseCentralDirectory, readCentralDirectory } from '../../workers/zip/centralDirectory.ts';

const mtime = new Date(2026, 10, 21, 14, 3, 10);

function archive(): Uint8Array<ArrayBuffer> {
  return zipSync(
    {
      review: {},
      'review/meeting.wav': [new Uint8Array(5000).fill(7), { level: 0 }],
      'review/notes.md': strToU8('Décisions: ship it.\n'.repeat(100)),
      'review/Ünïcode.png': new Uint8Array([1, 2, 3]),
    },
    { mtime },
  );
}

describe('readCentralDirectory()', () => {
  test('lists names, folders, methods, sizes and modification times', async () => {
    const entries = await readCentralDirectory(new Blob([archive()]));
    expect(entries?.map((e) => e.name)).toEqual(['review/', 'review/meeting.wav', 'review/notes.md', 'review/Ünïcode.png']);
    expect(entries?.map((e) => e.directory)).toEqual([true, false, false, false]);
    const [, wav, notes] = entries!;
    expect(wav).toMatchObject({ method: 0, size: 5000, compressedSize: 5000, encrypted: false });
    expect(notes?.method).toBe(8);
    expect(notes?.size).toBe(strToU8('Décisions: ship it.\n').length * 100);
    expect(notes!.compressedSize).toBeLessThan(notes!.size);
    // DOS times have a two-second step and no zone: read back as the same local time.
    expect(wav?.modified).toBe(mtime.getTime());
  });

  test('finds the end record behind a comment', async () => {
    const bytes = zipSync({ 'a.txt': strToU8('a') }, { comment: 'made for a test' });
    const entries = await readCentralDirectory(new Blob([bytes]));
    expect(entries?.map((e) => e.name)).toEqual(['a.txt']);
  });

  test('gives null for something that is not a zip, or a zip cut short', async () => {
    expect(await readCentralDirectory(new Blob(['just some text that is long enough to scan'])) ).toBeNull();
    const bytes = archive();
    expect(await readCentralDirectory(new Blob([bytes.subarray(0, bytes.length - 30)]))).toBeNull();
  });

  test('reads the encrypted flag', () => {
    const bytes = archive();
    const end = findEndRecord(bytes, 0)!;
    const directory = bytes.slice(end.offset, end.offset + end.size);
    const view = new DataView(directory.buffer);
    // Skip the first record (46 fixed bytes, then name, extra and comment), then set bit 0 of the second's flags.
    const second = 46 + view.getUint16(28, true) + view.getUint16(30, true) + view.getUint16(32, true);
    view.setUint16(second + 8, view.getUint16(second + 8, true) | 1, true);
    const entries = parseCentralDirectory(directory, end.entries);
    expect(entries.map((e) => e.encrypted)).toEqual([false, true, false, false]);
  });

  test('prefers the extended timestamp (UTC seconds) to the zoneless DOS time', async () => {
    const utc = Date.UTC(2026, 10, 20, 9, 0, 5);
    const stamp = new Uint8Array(5);
    stamp[0] = 1;
    new DataView(stamp.buffer).setUint32(1, utc / 1000, true);
    const bytes = zipSync({ 'a.wav': [new Uint8Array(4), { extra: { 0x5455: stamp }, mtime }] });
    const [entry] = (await readCentralDirectory(new Blob([bytes])))!;
    expect(entry?.modified).toBe(utc);
  });
});
