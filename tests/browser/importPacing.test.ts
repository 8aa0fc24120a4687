import { afterEach, describe, expect, it } from 'vitest';
import { importSessions } from '../../src/import/importSessions.ts';
import { nextTask } from '../../src/shared/nextTask.ts';
import { openEnricherDb } from '../../src/shared/db.ts';
import { SessionStore } from '../../src/store/sessionStore.ts';
import { MIN_WRITES_PER_SLICE } from '../../src/store/writeInSlices.ts';
import { deleteDatabase, uniqueDbName } from './fixtures/sessions.ts';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await deleteDatabase(name);
});

const SCREENS = 300;
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Counts what an import does between two task boundaries it hands back to the page: a yield of its
 * own (the injected `nextTask`) or a stored file's success. Reading a picked file's date (a synchronous
 * call to the browser for a picked file) and queueing its put are the costs counted.
 */
function taskLog() {
  let boundary = 0;
  // The import's clock: each read or put costs a millisecond of it, whatever the machine.
  let ms = 0;
  const perTask = new Map<number, number>();
  const count = () => {
    ms++;
    perTask.set(boundary, (perTask.get(boundary) ?? 0) + 1);
  };
  const lastModified = Object.getOwnPropertyDescriptor(File.prototype, 'lastModified')!;
  Object.defineProperty(File.prototype, 'lastModified', {
    configurable: true,
    get(this: File) {
      count();
      return lastModified.get!.call(this) as number;
    },
  });
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    const request = put.apply(this, args);
    if (this.name === 'media') {
      count();
      request.addEventListener('success', () => boundary++);
    }
    return request;
  };
  return {
    now: () => ms,
    nextTask: async () => {
      boundary++;
      await nextTask();
    },
    most: () => Math.max(...perTask.values()),
    restore: () => {
      Object.defineProperty(File.prototype, 'lastModified', lastModified);
      IDBObjectStore.prototype.put = put;
    },
  };
}

describe('importing a folder of many screenshots', () => {
  it('reads the files and queues their writes a slice at a time, never all in one task', async () => {
    const name = uniqueDbName();
    names.push(name);
    const store = new SessionStore(await openEnricherDb(name));
    const picked = Array.from({ length: SCREENS }, (_, i) => ({
      path: `big/screens/${String(i).padStart(4, '0')}.png`,
      file: new File([png], `${i}.png`, { type: 'image/png', lastModified: 1_700_000_000_000 + i }),
    }));
    const log = taskLog();
    try {
      const report = await importSessions(picked, store, 1, { sliceMs: 8, now: log.now, nextTask: log.nextTask });
      expect(report.refused).toEqual([]);
      expect(report.imported[0]!.screenshots).toHaveLength(SCREENS);
    } finally {
      log.restore();
    }
    // Before: all 300 dates read and all 300 puts queued in the change event's task (300–800 ms).
    // Now a task holds 8 ms of reads, or the two slices of writes `writeInSlices` keeps in flight.
    expect(log.most()).toBeLessThanOrEqual(2 * MIN_WRITES_PER_SLICE);
    expect(await store.db.count('media')).toBe(SCREENS);
  });
});
