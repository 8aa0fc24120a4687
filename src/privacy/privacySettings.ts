import type { EnricherDb } from '../shared/db.ts';
import { dismissedKey, markedKey, PRIVACY_META_KEY, type PrivacySettings, type RedactionMode, type SensitiveFinding } from '../shared/privacy.ts';
import { loadDismissed, loadMarked } from '../shared/privacyStore.ts';

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

/** Adds a mark made in the review ("Redact this too"); exports made from now on redact it. */
export async function addMark(db: EnricherDb, sessionId: string, mark: SensitiveFinding): Promise<SensitiveFinding[]> {
  const marks = [...(await loadMarked(db, sessionId)).filter((m) => m.id !== mark.id), mark];
  await db.put('meta', marks, markedKey(sessionId));
  return marks;
}

/** Removes a mark made in the review. */
export async function removeMark(db: EnricherDb, sessionId: string, markId: string): Promise<SensitiveFinding[]> {
  const marks = (await loadMarked(db, sessionId)).filter((m) => m.id !== markId);
  await db.put('meta', marks, markedKey(sessionId));
  return marks;
}
