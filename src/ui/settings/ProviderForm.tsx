import { useState, type FormEvent } from 'react';
import type { EnricherDb } from '../../shared/db.ts';
import { PROVIDER_DEFAULTS, providerOrigin } from '../../shared/provider.ts';
import { saveProviderForm, turnProviderOff, type ProviderView } from '../../provider/providerSettings.ts';

/** The form inside the settings dialog: Off, or an OpenAI-compatible endpoint with consent. */
export function ProviderForm({ db, view, onSaved }: { db: EnricherDb; view: ProviderView; onSaved: (message: string) => void }) {
  const on = view.kind === 'openai' ? view : null;
  const [kind, setKind] = useState<'off' | 'openai'>(view.kind);
  const [baseUrl, setBaseUrl] = useState(on?.baseUrl ?? 'http://127.0.0.1:11434');
  const [model, setModel] = useState(on?.model ?? '');
  const [apiKey, setApiKey] = useState('');
  const [clearKey, setClearKey] = useState(false);
  const [rpm, setRpm] = useState(on?.requestsPerMinute ?? PROVIDER_DEFAULTS.requestsPerMinute);
  const [tpm, setTpm] = useState(on?.tokensPerMinute ?? PROVIDER_DEFAULTS.tokensPerMinute);
  const [transcribe, setTranscribe] = useState(Boolean(on?.transcriptionModel));
  const [transcriptionModel, setTranscriptionModel] = useState(on?.transcriptionModel ?? 'whisper-1');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const origin = providerOrigin(baseUrl);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      if (kind === 'off') {
        await turnProviderOff(db);
        onSaved('The AI provider is off. Reload to apply it everywhere.');
        return;
      }
      if (!consent) throw new TypeError('Tick the box to agree that session text is sent to this address.');
      if (transcribe && transcriptionModel.trim() === '') throw new TypeError('Give the name of the speech model, such as "whisper-1".');
      const form = { baseUrl, model, apiKey, clearKey, requestsPerMinute: rpm, tokensPerMinute: tpm, transcriptionModel: transcribe ? transcriptionModel : '' };
      await saveProviderForm(db, form, Date.now());
      setApiKey('');
      onSaved(`Saved. Reload to start using ${origin ?? 'the provider'}: the app's security policy allows it only after a reload.`);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  return (
    <form className="provider-form" onSubmit={(event) => void submit(event)}>
      <fieldset>
        <legend>Richer summaries from an AI model</legend>
        <label>
          <input type="radio" name="provider-kind" checked={kind === 'off'} onChange={() => setKind('off')} /> Off: everything stays on this
          device (default)
        </label>
        <label>
          <input type="radio" name="provider-kind" checked={kind === 'openai'} onChange={() => setKind('openai')} /> An OpenAI-compatible
          endpoint, such as a local Ollama or LM Studio
        </label>
      </fieldset>
      {kind === 'openai' && (
        <>
          <label>
            Base URL
            <input type="url" required value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="http://127.0.0.1:11434" />
          </label>
          <label>
            Model
            <input required value={model} onChange={(e) => setModel(e.target.value)} placeholder="llama3.2" />
          </label>
          <label>
            API key (optional)
            <input
              type="password"
              autoComplete="off"
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
              placeholder={on?.maskedKey ? `Saved: ${on.maskedKey}. Type to replace it.` : 'None'}
            />
          </label>
          {on?.maskedKey && (
            <label>
              <input type="checkbox" checked={clearKey} onChange={(e) => setClearKey(e.target.checked)} /> Forget the saved key ({on.maskedKey})
            </label>
          )}
          <label>
            Requests per minute
            <input type="number" min={1} value={rpm} onChange={(e) => setRpm(Number(e.target.value))} />
          </label>
          <label>
            Tokens per minute
            <input type="number" min={1000} step={1000} value={tpm} onChange={(e) => setTpm(Number(e.target.value))} />
          </label>
          <label>
            <input type="checkbox" checked={transcribe} onChange={(e) => setTranscribe(e.target.checked)} /> Transcribe recordings with this
            provider
          </label>
          {transcribe && (
            <label>
              Speech model
              <input required value={transcriptionModel} onChange={(e) => setTranscriptionModel(e.target.value)} placeholder="whisper-1" />
            </label>
          )}
          <p className="consent-text">
            When this is on, the notes, the transcript and the text read from the screenshots of every session you enrich are sent to{' '}
            <strong>{origin ?? 'this address'}</strong> to be summarised.{' '}
            {transcribe
              ? 'The speech in the recordings of every session without an imported transcript is sent there too, as audio, to be transcribed (only the stretches where someone speaks). Pictures are not sent.'
              : 'Pictures and audio are not sent.'}{' '}
            The key stays on this device and is never exported. Nothing leaves this device unless the provider is on.
          </p>
          <label>
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />{' '}
            {transcribe
              ? `I agree that this text and the speech of recordings are sent to ${origin ?? 'this address'}.`
              : `I agree that this text is sent to ${origin ?? 'this address'}.`}
          </label>
        </>
      )}
      {error && (
        <p className="refused" role="alert">
          {error}
        </p>
      )}
      <button type="submit">Save</button>
    </form>
  );
}
