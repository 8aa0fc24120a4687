import * as Comlink from 'comlink';
import { DEFAULT_DB_NAME } from '../shared/db.ts';
import type { ExportWorkerApi, SessionExport } from '../shared/export.ts';

/**
 * How long a download's object URL lives. The browser starts the download after click() returns,
 * so revoking the URL at once could cancel it; a minute later the Blob can go.
 */
const REVOKE_AFTER_MS = 60_000;

const createExportWorker = () =>
  new Worker(new URL('../../workers/export.worker.ts', import.meta.url), { type: 'module', name: 'export' });

/**
 * Runs `work` on a fresh export worker and terminates the worker after. A Comlink call never
 * settles when its worker dies, so the call races the worker's error events.
 */
async function withExportWorker<T>(work: (api: Comlink.Remote<ExportWorkerApi>) => Promise<T>): Promise<T> {
  const worker = createExportWorker();
  try {
    return await new Promise<T>((resolve, reject) => {
      const crashed = () => reject(new Error('The export stopped unexpectedly. Try again.'));
      worker.addEventListener('error', crashed);
      worker.addEventListener('messageerror', crashed);
      work(Comlink.wrap<ExportWorkerApi>(worker)).then(resolve, reject);
    });
  } finally {
    worker.terminate();
  }
}

/** Every session of the library in one zip (a folder each), built in a worker. */
export function exportAllBlob(dbName: string = DEFAULT_DB_NAME): Promise<{ name: string; blob: Blob; sessions: number }> {
  return withExportWorker((api) => api.allZip(dbName));
}

/** One session's files in one zip, built in a worker. */
export function exportSessionBlob(sessionId: string, dbName: string = DEFAULT_DB_NAME): Promise<{ name: string; blob: Blob }> {
  return withExportWorker((api) => api.sessionZip(dbName, sessionId));
}

/** One session's files as they are (enrichment.json, report.md, storyboard.png), not zipped. */
export function exportSessionFiles(sessionId: string, dbName: string = DEFAULT_DB_NAME): Promise<SessionExport> {
  return withExportWorker((api) => api.sessionFiles(dbName, sessionId));
}

/** Offers `blob` to the person as a download named `name`; its object URL is revoked after. */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** Downloads one session's export as `<title>.zip`. Rejects with a message for people when it cannot. */
export async function exportSession(sessionId: string, dbName: string = DEFAULT_DB_NAME): Promise<void> {
  const { name, blob } = await exportSessionBlob(sessionId, dbName);
  download(blob, name);
}

/** Downloads the whole library's export as one zip. Rejects with a message for people when it cannot. */
export async function exportAll(dbName: string = DEFAULT_DB_NAME): Promise<void> {
  const { name, blob } = await exportAllBlob(dbName);
  download(blob, name);
}
