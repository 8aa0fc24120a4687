import { inflateSync } from 'fflate';
import { expect, test } from 'vitest';
import { readCentralDirectory } from '../../workers/zip/centralDirectory.ts';
import { zerosBomb } from '../browser/fixtures/zips.ts';

test('zerosBomb() - a few KB that inflate to exactly the megabytes of zeros asked for', async () => {
  const bytes = zerosBomb('bomb/zeros.wav', 8);
  expect(bytes.length).toBeLessThan(64 * 1024);
  const [entry] = (await readCentralDirectory(new Blob([bytes])))!;
  expect(entry).toMatchObject({ name: 'bomb/zeros.wav', method: 8, size: 8 * 1024 * 1024 });
  const start = 30 + 'bomb/zeros.wav'.length;
  const inflated = inflateSync(bytes.subarray(start, start + entry!.compressedSize));
  expect(inflated.length).toBe(8 * 1024 * 1024);
  expect(inflated.every((byte) => byte === 0)).toBe(true);
  const forged = (await readCentralDirectory(new Blob([zerosBomb('x.wav', 8, { forgeSizes: true })])))![0]!;
  expect(forged.size).toBe(forged.compressedSize);
});
