import type { EnricherDb } from '../../src/shared/db.ts';
import { factsOf } from './facts.ts';
import type { CatalogEntry, SearchDb } from './searchDb.ts';

/** Sessions whose facts are read per transaction when an old catalog is filled in. */
const FACTS_CHUNK = 256;

/**
 * Fills in the facts of catalog entries written without them (by an older tab), from the stored
 * sessions and results, and saves those entries. Once per library: later entries have them.
 */
export async function fillFacts(catalog: ReadonlyMap<string, CatalogEntry>, main: EnricherDb, search: SearchDb): Promise<void> {
  const missing = [...catalog.values()].filter((entry) => entry.facts === undefined);
  for (let start = 0; start < missing.length; start += FACTS_CHUNK) {
    const chunk = missing.slice(start, start + FACTS_CHUNK);
    const tx = main.transaction(['sessions', 'results']);
    const [sessions, results] = await Promise.all([
      Promise.all(chunk.map((entry) => tx.objectStore('sessions').get(entry.sessionId))),
      Promise.all(chunk.map((entry) => tx.objectStore('results').get(entry.sessionId))),
    ]);
    // In place: a change waiting to be saved holds the same entry, so its save writes the facts too.
    for (const [i, entry] of chunk.entries()) entry.facts = factsOf(sessions[i], results[i]);
    const write = search.transaction('catalog', 'readwrite');
    for (const entry of chunk) if (catalog.get(entry.sessionId) === entry) void write.store.put(entry);
    await write.done;
  }
}
