import type { EnricherDb } from '../shared/db.ts';
import { dismissedKey, PRIVACY_META_KEY, type PrivacySettings, type RedactionMode } from '../shared/privacy.ts';
import { loadDismissed } from '../shared/privacyStore.ts';

/** Stores the library's redaction setting. Exports and provider requests follow it at once. */
export async function saveRedactionMode(db: EnricherDb, mode: RedactionMode): Promise<void> {
  await db.put('meta', { mode } satisfies PrivacySettings, PRIVACY_META_KEY);
}

/** Marks a finding "Not sensitive" (`sensitive: false`) or sensitive again; remembered per session. */
export async function markFinding(db: EnricherDb, sessionId: string, findingId: string, sensitive: boolean): Promise<string[]> {
  const dismissed = new Set(await loadDismissed(db, sessionId));
  if (sensitive) dismissed.delete(findingId);
  else dismissed.add(findingId);
  const ids = [...dismissed];
  await db.put('meta', ids, dismissedKey(sessionId));
  return ids;
}
