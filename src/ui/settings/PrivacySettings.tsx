import { useEffect, useState } from 'react';
import type { EnricherDb } from '../../shared/db.ts';
import type { RedactionMode } from '../../shared/privacy.ts';
import type { PrivacyChange } from '../../privacy/reapply.ts';
import { loadPrivacySettings } from '../../shared/privacyStore.ts';
import { saveRedactionMode } from '../../privacy/privacySettings.ts';

const CHOICES: Array<{ mode: RedactionMode; label: string; hint: string }> = [
  { mode: 'exports', label: 'Redact exports and the AI provider', hint: 'Recommended. The app shows sessions as captured.' },
  { mode: 'everywhere', label: 'Redact everywhere', hint: 'Also the summary, notes, transcript, screen text, storyboard and search index in the app: enriched sessions are redacted again in the background.' },
  { mode: 'off', label: 'Do not redact', hint: 'Exports and provider requests carry every value as captured.' },
];

/** The library's redaction setting, saved as soon as it is chosen; `onChange` hears each change once stored. */
export function PrivacySettings({ db, onChange }: { db: EnricherDb; onChange?: (change: PrivacyChange) => void }) {
  const [mode, setMode] = useState<RedactionMode | null>(null);
  useEffect(() => {
    void loadPrivacySettings(db).then((settings) => setMode(settings.mode));
  }, [db]);
  if (mode === null) return null;
  const choose = (next: RedactionMode) => {
    const before = mode;
    setMode(next);
    void saveRedactionMode(db, next).then(() => onChange?.({ kind: 'mode', before, after: next }));
  };
  return (
    <fieldset className="privacy-settings">
      <legend>Sensitive data (e-mail addresses, phone and card numbers, keys, passwords…)</legend>
      {CHOICES.map((choice) => (
        <label key={choice.mode}>
          <input type="radio" name="redaction" value={choice.mode} checked={mode === choice.mode} onChange={() => choose(choice.mode)} />{' '}
          {choice.label} <span className="hint">{choice.hint}</span>
        </label>
      ))}
      {mode === 'off' && (
        <p role="alert" className="privacy-warning">
          Redaction is off: passwords, keys and personal data found in sessions will be exported and sent to the AI provider as they are.
        </p>
      )}
    </fieldset>
  );
}
