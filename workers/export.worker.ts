/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { openEnricherDb, type EnricherDb } from '../src/shared/db.ts';
import type { ExportWorkerApi } from '../src/shared/export.ts';
import { exportAllZip, exportSessionFiles, exportSessionZip } from './export/bundle.ts';

/** Opens the database for one export and closes it after: the worker only reads. */
async function withDb<T>(dbName: string, work: (db: EnricherDb) => Promise<T>): Promise<T> {
  const db = await openEnricherDb(dbName);
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

const api: ExportWorkerApi = {
  sessionFiles: (dbName, sessionId) => withDb(dbName, (db) => exportSessionFiles(db, sessionId)),
  sessionZip: (dbName, sessionId) => withDb(dbName, (db) => exportSessionZip(db, sessionId)),
  allZip: (dbName) => withDb(dbName, (db) => exportAllZip(db)),
};

Comlink.expose(api);
