import type { Page } from '@playwright/test';

/**
 * Every record of the given sessions (for 'jobs', the jobs of settled records too), with each Blob as
 * its type and bytes in base64: comparing two snapshots compares blobs byte for byte.
 */
export function snapshot(page: Page, sessionIds: string[], stores: string[] = ['sessions', 'media', 'jobs', 'results']): Promise<string> {
  return page.evaluate(async ({ ids, stores }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('session-enricher');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const mine = (record: unknown) => ids.includes((record as { sessionId?: string; id: string }).sessionId ?? (record as { id: string }).id);
    // A session's finished jobs are in settled records (schema v8), shared with other sessions' jobs.
    const read = async (store: string) =>
      store === 'jobs' ? [...(await all('jobs')), ...((await all('settledJobs')) as Array<{ jobs: unknown[] }>).flatMap((record) => record.jobs)] : all(store);
    const records = Object.fromEntries(await Promise.all(stores.map(async (store) => [store, (await read(store)).filter(mine)] as const)));
    db.close();
    const base64 = async (blob: Blob) => {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    };
    const plain = async (value: unknown): Promise<unknown> => {
      if (value instanceof Blob) return { blob: value.type, size: value.size, bytes: await base64(value) };
      if (Array.isArray(value)) return Promise.all(value.map(plain));
      if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(value).sort()) out[key] = await plain((value as Record<string, unknown>)[key]);
        return out;
      }
      return value;
    };
    return JSON.stringify(await plain(records));
  }, { ids: sessionIds, stores });
}
