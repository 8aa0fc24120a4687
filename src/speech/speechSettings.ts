import type { EnricherDb } from '../shared/db.ts';
import { SPEECH_META_KEY, speechSettingsOf, type SpeechSettings } from '../shared/speechModel.ts';

/** The library's speech setting; the defaults when none is stored. */
export async function loadSpeechSettings(db: EnricherDb): Promise<SpeechSettings> {
  return speechSettingsOf(await db.get('meta', SPEECH_META_KEY));
}

/** Stores the language the speech model is told; enrichments started from now on use it. */
export async function saveSpeechLanguage(db: EnricherDb, language: string): Promise<void> {
  await db.put('meta', { language } satisfies SpeechSettings, SPEECH_META_KEY);
}
