import { describe, expect, test } from 'vitest';
import { DEFAULT_ZIP_LIMITS } from '../../src/shared/zip.ts';
import { resolveZipLimits, UnpackMeter, type EntryCount } from '../../workers/zip/limits.ts';
import { describeProblem, formatBytes } from '../../src/shared/zipProblems.ts';

const MB = 1024 * 1024;
const GB = 1024 * MB;

function entry(meter: UnpackMeter, declared = {}, readBefore = 0): EntryCount {
  const started = meter.startEntry(declared, readBefore);
  if ('kind' in started) throw new Error(`unexpected ${started.kind}`);
  return started;
}

describe('resolveZipLimits()', () => {
  test('fills in the defaults: 2 GB, ratio 100 past 4 MB, 10,000 files', () => {
    expect(resolveZipLimits()).toEqual({ maxTotalBytes: 2 * GB, maxRatio: 100, ratioGraceBytes: 4 * MB, maxEntries: 10_000 });
    expect(resolveZipLimits({ maxRatio: 50 }).maxRatio).toBe(50);
  });

  test('names the first bad limit in a TypeError', () => {
    expect(() => resolveZipLimits({ maxRatio: 0 })).toThrow(new TypeError('Expected `maxRatio` to be a number from 1 and up, got `0` (number)'));
    expect(() => resolveZipLimits({ maxEntries: Number.NaN })).toThrow(TypeError);
    expect(() => resolveZipLimits({ ratioGraceBytes: -1 })).toThrow('Expected `ratioGraceBytes` to be a number from 0 and up, got `-1` (number)');
  });
});

describe('UnpackMeter - total size', () => {
  test('.add() - refuses the byte that passes 2 GB, not before', () => {
    const meter = new UnpackMeter(DEFAULT_ZIP_LIMITS);
    const file = entry(meter);
    // Stored data: packed as big as unpacked, so only the size limit can trip.
    expect(meter.add(file, 2 * GB, 2 * GB)).toBeNull();
    expect(meter.add(file, 1, 2 * GB + 1)).toEqual({ kind: 'too-big' });
  });

  test('.add() - counts every file of the archive together', () => {
    const meter = new UnpackMeter({ ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 10 * MB });
    expect(meter.add(entry(meter), 6 * MB, 6 * MB)).toBeNull();
    expect(meter.add(entry(meter, {}, 6 * MB), 5 * MB, 11 * MB)).toEqual({ kind: 'too-big' });
    expect(meter.totalUnpacked).toBe(11 * MB);
  });

  test('.startEntry() - a header declaring more than what is left is refused before inflating', () => {
    const meter = new UnpackMeter(DEFAULT_ZIP_LIMITS);
    meter.add(entry(meter), GB, GB);
    expect(meter.startEntry({ compressed: GB + 1, unpacked: GB + 1 }, GB)).toEqual({ kind: 'too-big' });
  });
});

describe('UnpackMeter - compression ratio', () => {
  test('.add() - a file unpacking past 100× its packed size is refused once past 4 MB', () => {
    const meter = new UnpackMeter(DEFAULT_ZIP_LIMITS);
    const file = entry(meter, { compressed: 10_000 });
    // 1000× but still small: text compresses well, so it is let through.
    expect(meter.add(file, 3 * MB, 10_000)).toBeNull();
    expect(meter.add(file, 2 * MB, 10_000)).toEqual({ kind: 'ratio' });
  });

  test('.add() - without declared sizes, the archive bytes read since the file began bound its packed size', () => {
    const meter = new UnpackMeter(DEFAULT_ZIP_LIMITS);
    meter.add(entry(meter), 900_000, 1_000_000);
    // A streamed entry (no sizes in its header) that began in the chunk starting at 1,000,000.
    const bomb = entry(meter, {}, 1_000_000);
    expect(meter.add(bomb, 5 * MB, 1_032_768)).toEqual({ kind: 'ratio' });
  });

  test('.add() - the whole archive counts too: many small files, each under 4 MB, are refused together', () => {
    const meter = new UnpackMeter(DEFAULT_ZIP_LIMITS);
    const breaches = [];
    for (let i = 0; i < 10; i++) {
      // 1 MB out of 5 KB each: too small to check alone, 200× together.
      const file = entry(meter, { compressed: 5000, unpacked: MB }, i * 5000);
      breaches.push(meter.add(file, MB, (i + 1) * 5000));
    }
    expect(breaches.findIndex((breach) => breach !== null)).toBe(4);
    expect(breaches[4]).toEqual({ kind: 'ratio' });
  });

  test('.add() - real material at ratio 2 stays well within the limits', () => {
    const meter = new UnpackMeter(DEFAULT_ZIP_LIMITS);
    let read = 0;
    for (let i = 0; i < 100; i++) {
      const file = entry(meter, { compressed: MB, unpacked: 2 * MB }, read);
      read += MB;
      expect(meter.add(file, 2 * MB, read)).toBeNull();
    }
    expect(meter.totalUnpacked).toBe(200 * MB);
  });

  test('.startEntry() - a declared ratio past the limit is refused at once', () => {
    const meter = new UnpackMeter(DEFAULT_ZIP_LIMITS);
    expect(meter.startEntry({ compressed: 1000, unpacked: 500 * MB }, 0)).toEqual({ kind: 'ratio' });
    // Small files may declare any ratio.
    expect('kind' in meter.startEntry({ compressed: 10, unpacked: MB }, 0)).toBe(false);
  });
});

describe('UnpackMeter - file count', () => {
  test('.startEntry() - the 10,001st file is refused; folders do not count', () => {
    const meter = new UnpackMeter(DEFAULT_ZIP_LIMITS);
    for (let i = 0; i < 10_000; i++) entry(meter, { compressed: 0, unpacked: 0 });
    expect('kind' in meter.startEntry({ folder: true }, 0)).toBe(false);
    expect(meter.startEntry({ compressed: 0, unpacked: 0 }, 0)).toEqual({ kind: 'too-many-files' });
  });

  test('.checkDirectory() - refuses by count, declared total and declared ratio before anything is inflated', () => {
    const meter = new UnpackMeter(DEFAULT_ZIP_LIMITS);
    const files = (n: number, unpacked: number, compressed = unpacked) => Array.from({ length: n }, () => ({ compressed, unpacked }));
    expect(meter.checkDirectory(files(10_001, 1))).toEqual({ kind: 'too-many-files' });
    expect(meter.checkDirectory([...files(10_000, 1), { folder: true, compressed: 0, unpacked: 0 }])).toBeNull();
    expect(meter.checkDirectory(files(3, GB))).toEqual({ kind: 'too-big' });
    expect(meter.checkDirectory(files(3, 3 * MB, 1000))).toEqual({ kind: 'ratio' });
    expect(meter.checkDirectory(files(3, 3 * MB, MB))).toBeNull();
  });
});

describe('describeProblem()', () => {
  test('says in plain words why an archive was not imported', () => {
    const say = (problem: Parameters<typeof describeProblem>[1]) => describeProblem('archive.zip', problem, DEFAULT_ZIP_LIMITS);
    expect(say({ kind: 'too-big' })).toBe('archive.zip was not imported: it would unpack to more than 2 GB.');
    expect(say({ kind: 'ratio' })).toBe('archive.zip was not imported: it would unpack to more than 100 times its size, as a zip bomb does.');
    expect(say({ kind: 'too-many-files' })).toBe('archive.zip was not imported: it holds more than 10,000 files.');
    expect(say({ kind: 'encrypted', entry: 'a/b.png' })).toBe('archive.zip was not imported: a/b.png is protected by a password.');
    expect(say({ kind: 'method', entry: 'a.wav', method: 14 })).toBe(
      'archive.zip was not imported: a.wav is packed in a way this app cannot read (method 14).',
    );
  });

  test('formatBytes() - whole units without decimals, others with one', () => {
    expect(formatBytes(2 * GB)).toBe('2 GB');
    expect(formatBytes(1.5 * MB)).toBe('1.5 MB');
    expect(formatBytes(300)).toBe('300 bytes');
    expect(formatBytes(4 * MB + 1)).toBe('4 MB');
  });
});
