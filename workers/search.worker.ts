/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import type { SearchWorkerApi } from '../src/shared/search.ts';
import { SearchLibrary } from './search/library.ts';

let library: SearchLibrary | null = null;

function opened(): SearchLibrary {
  if (!library) throw new Error('The search worker was asked to work before open() named its database.');
  return library;
}

const api: SearchWorkerApi = {
  open(dbName, options) {
    if (library?.dbName !== dbName) library = new SearchLibrary(dbName, options);
  },
  upsert: (items) => opened().upsert(items),
  remove: (sessionId) => opened().remove(sessionId),
  search: (query, limit, filters) => opened().search(query, limit, filters),
  status: () => opened().status(),
  flush: () => opened().flush(),
};

Comlink.expose(api);
