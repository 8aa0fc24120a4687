import { useRef, useState } from 'react';
import type { EnricherDb } from '../../shared/db.ts';
import type { PrivacyChange } from '../../privacy/reapply.ts';
import { PrivacySettings } from './PrivacySettings.tsx';
import { ProviderForm } from './ProviderForm.tsx';
import { SpeechSettings } from './SpeechSettings.tsx';
import { useProviderView } from './useProviderView.ts';
import './settings.css';

/**
 * A line saying where text goes, and the settings dialog of the optional AI provider.
 * `onRedactionModeChange` hears each stored change of the redaction setting.
 */
export function ProviderSettings({ db, onRedactionModeChange }: { db: EnricherDb; onRedactionModeChange?: (change: PrivacyChange) => void }) {
  const { view, reload } = useProviderView(db);
  const dialog = useRef<HTMLDialogElement>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // A fresh form each time the dialog opens, filled from what is stored.
  const [formKey, setFormKey] = useState(0);
  const open = () => {
    setSaved(null);
    setFormKey((n) => n + 1);
    dialog.current?.showModal();
  };

  return (
    <div className="provider-status">
      <span>
        {view?.kind === 'openai' ? (
          <>
            AI provider on: session text{view.transcriptionModel ? " and recordings' speech are" : ' is'} sent to <strong>{view.origin}</strong> (
            {view.model}).
          </>
        ) : (
          'AI provider off: nothing leaves this device.'
        )}
      </span>{' '}
      <button type="button" className="quiet" onClick={open}>
        Settings
      </button>
      <dialog ref={dialog} aria-labelledby="settings-title" className="settings-dialog">
        <h2 id="settings-title">Settings</h2>
        <PrivacySettings key={`privacy-${formKey}`} db={db} onChange={onRedactionModeChange} />
        {/* Mounted once the dialog is first opened: it starts a worker to read the stored model. */}
        {formKey > 0 && <SpeechSettings key={`speech-${formKey}`} db={db} />}
        {view && (
          <ProviderForm
            key={formKey}
            db={db}
            view={view}
            onSaved={(message) => {
              setSaved(message);
              reload();
            }}
          />
        )}
        {saved && (
          <p role="status">
            {saved}{' '}
            <button type="button" onClick={() => window.location.reload()}>
              Reload
            </button>
          </p>
        )}
        <button type="button" className="quiet" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </dialog>
    </div>
  );
}
