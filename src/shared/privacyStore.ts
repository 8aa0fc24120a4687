import type { EnricherDb } from './db.ts';
import { dismissedKey, markedKey, MARKED_KIND, PRIVACY_META_KEY, privacySettingsOf, type PrivacyContext, type PrivacySettings, type SensitiveFinding } from './privacy.ts';

/** The library's privacy setting; the default when none is stored. */
export async function loadPrivacySettings(db: EnricherDb): Promise<PrivacySettings> {
  return privacySettingsOf(await db.get('meta', PRIVACY_META_KEY));
}

/** Ids of one session's findings marked "Not sensitive". */
export async function loadDismissed(db: EnricherDb, sessionId: string): Promise<string[]> {
  return dismissedOf(await db.get('meta', dismissedKey(sessionId)));
}

const dismissedOf = (stored: unknown): string[] => (Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);

const isMark = (item: unknown): item is SensitiveFinding => {
  const mark = item as Partial<SensitiveFinding> | null;
  return typeof mark?.id === 'string' && mark.kind === MARKED_KIND && typeof mark.place?.source === 'string';
};

/** One session's marks made in the review ("Redact this too"). */
export async function loadMarked(db: EnricherDb, sessionId: string): Promise<SensitiveFinding[]> {
  return markedOf(await db.get('meta', markedKey(sessionId)));
}

const markedOf = (stored: unknown): SensitiveFinding[] => (Array.isArray(stored) ? stored.filter(isMark) : []);

/** What redaction needs for one session: read by workers (enrichment, export), written only by the main thread. */
export async function loadPrivacyContext(db: EnricherDb, sessionId: string): Promise<PrivacyContext> {
  return privacyContextFrom(db.transaction('meta').store, sessionId);
}

/**
 * The same, read through a transaction's meta store that the caller holds, so that a job's inputs
 * come in one transaction (each transaction is a round trip to the database's one backend queue).
 */
export async function privacyContextFrom(meta: { get(key: string): Promise<unknown> }, sessionId: string): Promise<PrivacyContext> {
  const [settings, dismissed, marked] = await Promise.all([meta.get(PRIVACY_META_KEY), meta.get(dismissedKey(sessionId)), meta.get(markedKey(sessionId))]);
  return { mode: privacySettingsOf(settings).mode, dismissed: dismissedOf(dismissed), marked: markedOf(marked) };
}
