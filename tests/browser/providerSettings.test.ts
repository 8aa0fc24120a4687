import { afterEach, describe, expect, it } from 'vitest';
import { openEnricherDb, type EnricherDb } from '../../src/shared/db.ts';
import { RateLimiter } from '../../src/engine/rateLimiter.ts';
import { ProviderGate } from '../../src/provider/providerGate.ts';
import { PROVIDER_META_KEY } from '../../src/shared/provider.ts';
import { loadProviderConfig, providerView, saveProviderForm, turnProviderOff } from '../../src/provider/providerSettings.ts';
import { uniqueDbName } from './fixtures/sessions.ts';

let db: EnricherDb | undefined;
let dbName = '';
afterEach(async () => {
  db?.close();
  db = undefined;
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(dbName);
    req.onsuccess = req.onerror = req.onblocked = resolve;
  });
});

const form = { baseUrl: 'http://127.0.0.1:11434/', model: ' llama3.2 ', apiKey: 'sk-live-abcdef123456f3a9', requestsPerMinute: 30, tokensPerMinute: 20_000 };

describe('provider settings in the meta store', () => {
  it('are off by default, stored on the device with the key, shown only masked', async () => {
    dbName = uniqueDbName();
    db = await openEnricherDb(dbName);
    expect(await loadProviderConfig(db)).toEqual({ kind: 'off' });
    await saveProviderForm(db, form, 123);
    const stored = await loadProviderConfig(db);
    expect(stored).toMatchObject({ kind: 'openai', baseUrl: 'http://127.0.0.1:11434', model: 'llama3.2', apiKey: form.apiKey, consentedAt: 123 });
    const view = providerView(stored);
    expect(view).toMatchObject({ kind: 'openai', origin: 'http://127.0.0.1:11434', maskedKey: 'sk-…f3a9' });
    expect(JSON.stringify(view)).not.toContain('abcdef123456');
  });

  it('keep the saved key when the form leaves it empty, forget it when asked, and forget everything when off', async () => {
    dbName = uniqueDbName();
    db = await openEnricherDb(dbName);
    await saveProviderForm(db, form, 1);
    await saveProviderForm(db, { ...form, apiKey: '', model: 'qwen' }, 2);
    expect(await loadProviderConfig(db)).toMatchObject({ model: 'qwen', apiKey: form.apiKey });
    await saveProviderForm(db, { ...form, apiKey: '', clearKey: true }, 3);
    expect(await loadProviderConfig(db)).toMatchObject({ apiKey: null });
    await saveProviderForm(db, form, 4);
    await turnProviderOff(db);
    expect(await db.get('meta', PROVIDER_META_KEY)).toEqual({ kind: 'off' });
  });

  it('refuse a URL that is not http(s) and an empty model, with a plain message', async () => {
    dbName = uniqueDbName();
    db = await openEnricherDb(dbName);
    await expect(saveProviderForm(db, { ...form, baseUrl: 'javascript:alert(1)' }, 1)).rejects.toThrow('The base URL must start with http:// or https://.');
    await expect(saveProviderForm(db, { ...form, model: ' ' }, 1)).rejects.toThrow('Give the name of the model');
    expect(await loadProviderConfig(db)).toEqual({ kind: 'off' });
  });

  it('transcribe recordings only when a speech model is given, at the provider\'s /v1/audio/transcriptions', async () => {
    dbName = uniqueDbName();
    db = await openEnricherDb(dbName);
    const off = await saveProviderForm(db, form, 1);
    expect(off.transcriptionModel).toBeNull();
    expect(providerView(off)).toMatchObject({ transcriptionModel: null });
    const on = await saveProviderForm(db, { ...form, baseUrl: 'http://127.0.0.1:8000/v1/', transcriptionModel: ' whisper-1 ' }, 2);
    expect(await loadProviderConfig(db)).toMatchObject({ transcriptionModel: 'whisper-1' });
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 1 });
    const endpoint = await new ProviderGate({ settings: on, limiter }).providerEndpoint();
    limiter.dispose();
    expect(endpoint.transcription).toEqual({ url: 'http://127.0.0.1:8000/v1/audio/transcriptions', model: 'whisper-1' });
  });
});
