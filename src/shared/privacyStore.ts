import type { EnricherDb } from './db.ts';
import { dismissedKey, markedKey, MARKED_KIND, PRIVACY_META_KEY, privacySettingsOf, type PrivacyContext, type PrivacySettings, type SensitiveFinding } from './privacy.ts';

/** The library's privacy setting; the default when none is stored. */
export async function loadPrivacySettings(db: EnricherDb): Promise<PrivacySettings> {
  return privacySettingsOf(await db.get('meta', PRIVACY_META_KEY));
}

/** Ids of one session's findings marked "Not sensitive". */
export async function loadDismissed(db: EnricherDb, sessionId: string): Promise<string[]> {
  const stored = await db.get('meta', dismissedKey(sessionId));
  return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
}

const isMark = (item: unknown): item is SensitiveFinding => {
  const mark = item as Partial<SensitiveFinding> | null;
  return typeof mark?.id === 'string' && mark.kind === MARKED_KIND && typeof mark.place?.source === 'string';
};

/** One session's marks made in the review ("Redact this too"). */
export async function loadMarked(db: EnricherDb, sessionId: string): Promise<SensitiveFinding[]> {
  const stored = await db.get('meta', markedKey(sessionId));
  return Array.isArray(stored) ? stored.filter(isMark) : [];
}

/** What redaction needs for one session: read by workers (enrichment, export), written only by the main thread. */
export async function loadPrivacyContext(db: EnricherDb, sessionId: string): Promise<PrivacyContext> {
  const [settings, dismissed, marked] = await Promise.all([loadPrivacySettings(db), loadDismissed(db, sessionId), loadMarked(db, sessionId)]);
  return { mode: settings.mode, dismissed, marked };
}
