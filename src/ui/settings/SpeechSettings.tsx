import { useEffect, useState, type DragEvent } from 'react';
import { filesFromDrop, filesFromInput } from '../../import/dropEntries.ts';
import { bytesInWords } from '../../pwa/bytes.ts';
import type { EnricherDb } from '../../shared/db.ts';
import { SPEECH_LANGUAGES, type SpeechModelManifest } from '../../shared/speechModel.ts';
import { addSpeechModel, removeSpeechModel, speechModelManifest } from '../../speech/speechModelClient.ts';
import { loadSpeechSettings, saveSpeechLanguage } from '../../speech/speechSettings.ts';
import type { PickedFile } from '../../import/files.ts';

/** What the speech model part of Settings shows. */
type ModelView =
  | { state: 'loading' }
  | { state: 'none'; message?: string }
  | { state: 'adding' }
  | { state: 'stored'; manifest: SpeechModelManifest; message?: string };

/**
 * Speech to text on this device: the Whisper model the person adds (a folder picked or dropped,
 * checked and stored by a worker), its size and what it does, removing it, and the library's language.
 */
export function SpeechSettings({ db }: { db: EnricherDb }) {
  const [model, setModel] = useState<ModelView>({ state: 'loading' });
  const [language, setLanguage] = useState<string | null>(null);
  useEffect(() => {
    void speechModelManifest().then(
      (manifest) => setModel(manifest ? { state: 'stored', manifest } : { state: 'none' }),
      () => setModel({ state: 'none', message: 'The storage of this browser cannot hold a speech model.' }),
    );
    void loadSpeechSettings(db).then((settings) => setLanguage(settings.language));
  }, [db]);

  const add = async (files: PickedFile[]) => {
    if (files.length === 0) return;
    const before = model;
    setModel({ state: 'adding' });
    const added = await addSpeechModel(files);
    if (added.kind === 'added') setModel({ state: 'stored', manifest: added.manifest, message: `${added.manifest.name} was added.` });
    // A refused folder leaves the model stored before, if any.
    else setModel(before.state === 'stored' ? { ...before, message: added.message } : { state: 'none', message: added.message });
  };
  const remove = async () => {
    await removeSpeechModel();
    setModel({ state: 'none', message: 'The speech model was removed. Transcripts made with it stay.' });
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    void filesFromDrop(event.dataTransfer.items).then(add);
  };
  const message = (model.state === 'none' || model.state === 'stored') && model.message;

  return (
    <fieldset className="speech-settings" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <legend>Speech to text on this device</legend>
      {model.state === 'stored' ? (
        <p data-testid="speech-model">
          <strong>{model.manifest.name}</strong> ({bytesInWords(model.manifest.bytes)}) is stored on this device. It transcribes the speech of
          recordings that come without a transcript, here, without sending anything anywhere.{' '}
          <button type="button" className="quiet" onClick={() => void remove()}>
            Remove model
          </button>
        </p>
      ) : (
        <p className="hint">
          Recordings without a transcript can be transcribed here with a Whisper model you add once: a folder of a Whisper ONNX export for
          transformers.js (such as whisper-tiny.en, about 40–150 MB). It is kept in this browser&apos;s storage and works offline.
        </p>
      )}
      <label className="speech-add">
        {model.state === 'stored' ? 'Replace the speech model' : 'Add a speech model'}{' '}
        <input
          type="file"
          disabled={model.state === 'adding' || model.state === 'loading'}
          // React does not know webkitdirectory; it passes the attribute through as written.
          {...{ webkitdirectory: '', directory: '' }}
          onChange={(e) => {
            const files = e.target.files ? filesFromInput(e.target.files) : [];
            e.target.value = '';
            void add(files);
          }}
        />
      </label>
      {model.state === 'adding' && <p role="status">Checking and storing the model…</p>}
      {message && <p role="status">{message}</p>}
      {language !== null && (
        <label>
          Language spoken in this library&apos;s recordings{' '}
          <select
            value={language}
            onChange={(e) => {
              setLanguage(e.target.value);
              void saveSpeechLanguage(db, e.target.value);
            }}
          >
            {SPEECH_LANGUAGES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  );
}
