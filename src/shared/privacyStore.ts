import type { EnricherDb } from './db.ts';
import { dismissedKey, PRIVACY_META_KEY, privacySettingsOf, type PrivacyContext, type PrivacySettings } from './privacy.ts';

/** The library's privacy setting; the default when none is stored. */
export async function loadPrivacySettings(db: EnricherDb): Promise<PrivacySettings> {
  return privacySettingsOf(await db.get('meta', PRIVACY_META_KEY));
}

/** Ids of one session's findings marked "Not sensitive". */
export async function loadDismissed(db: EnricherDb, sessionId: string): Promise<string[]> {
  const stored = await db.get('meta', dismissedKey(sessionId));
  return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
}

/** What redaction needs for one session: read by workers (enrichment, export), written only by the main thread. */
export async function loadPrivacyContext(db: EnricherDb, sessionId: string): Promise<PrivacyContext> {
  const [settings, dismissed] = await Promise.all([loadPrivacySettings(db), loadDismissed(db, sessionId)]);
  return { mode: settings.mode, dismissed };
}
