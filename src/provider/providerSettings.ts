import { expectNumber } from '../engine/options.ts';
import type { EnricherDb } from '../shared/db.ts';
import {
  PROVIDER_DEFAULTS,
  PROVIDER_META_KEY,
  maskKey,
  providerOrigin,
  type ProviderConfig,
  type ProviderSettings,
} from '../shared/provider.ts';

/** What the settings form edits: the key is only given when the person types a new one. */
export interface ProviderForm {
  baseUrl: string;
  model: string;
  /** A new key; empty keeps the stored one. */
  apiKey: string;
  /** Removes the stored key. */
  clearKey?: boolean;
  requestsPerMinute: number;
  tokensPerMinute: number;
  /** The speech-to-text model when recordings are to be transcribed by the provider; empty or absent: off. */
  transcriptionModel?: string;
}

/** What the UI may show of the settings: never the key itself. */
export type ProviderView =
  | { kind: 'off' }
  | {
      kind: 'openai';
      baseUrl: string;
      origin: string;
      model: string;
      maskedKey: string | null;
      requestsPerMinute: number;
      tokensPerMinute: number;
      /** Null: recordings are not sent. */
      transcriptionModel: string | null;
    };

/** Validates stored or typed settings; throws a TypeError with a message a person can act on. */
export function validateSettings(settings: ProviderSettings): ProviderSettings {
  if (providerOrigin(settings.baseUrl) === null) throw new TypeError('The base URL must start with http:// or https://.');
  if (settings.model.trim() === '') throw new TypeError('Give the name of the model, such as "llama3.2".');
  return {
    ...settings,
    baseUrl: settings.baseUrl.trim().replace(/\/+$/, ''),
    model: settings.model.trim(),
    transcriptionModel: settings.transcriptionModel?.trim() || null,
    requestsPerMinute: expectNumber('requestsPerMinute', settings.requestsPerMinute, { min: 1, max: 10_000 }),
    tokensPerMinute: expectNumber('tokensPerMinute', settings.tokensPerMinute, { min: 1000, max: 10_000_000 }),
    contextTokens: expectNumber('contextTokens', settings.contextTokens, { min: 1024, integer: true }),
    timeoutMs: expectNumber('timeoutMs', settings.timeoutMs, { min: 1 }),
    maxAttempts: expectNumber('maxAttempts', settings.maxAttempts, { min: 1, max: 10, integer: true }),
  };
}

/** The stored settings; off when none are stored or they no longer validate. */
export async function loadProviderConfig(db: EnricherDb): Promise<ProviderConfig> {
  const stored = (await db.get('meta', PROVIDER_META_KEY)) as ProviderConfig | undefined;
  if (!stored || stored.kind !== 'openai') return { kind: 'off' };
  try {
    return validateSettings({ ...PROVIDER_DEFAULTS, ...stored });
  } catch {
    return { kind: 'off' };
  }
}

/** Stores the provider as configured from the form (after consent), keeping the old key unless replaced. */
export async function saveProviderForm(db: EnricherDb, form: ProviderForm, consentedAt: number): Promise<ProviderSettings> {
  const previous = await loadProviderConfig(db);
  const kept = previous.kind === 'openai' ? previous.apiKey : null;
  const apiKey = form.clearKey ? null : form.apiKey.trim() !== '' ? form.apiKey.trim() : kept;
  const base = previous.kind === 'openai' ? previous : PROVIDER_DEFAULTS;
  const settings = validateSettings({
    kind: 'openai',
    contextTokens: base.contextTokens,
    timeoutMs: base.timeoutMs,
    maxAttempts: base.maxAttempts,
    baseUrl: form.baseUrl,
    model: form.model,
    apiKey,
    requestsPerMinute: form.requestsPerMinute,
    tokensPerMinute: form.tokensPerMinute,
    transcriptionModel: form.transcriptionModel?.trim() || null,
    consentedAt,
  });
  await db.put('meta', settings, PROVIDER_META_KEY);
  return settings;
}

/** Turns the provider off and forgets the key. */
export async function turnProviderOff(db: EnricherDb): Promise<void> {
  await db.put('meta', { kind: 'off' } satisfies ProviderConfig, PROVIDER_META_KEY);
}

/** The settings as the UI may show them, with the key masked. */
export function providerView(config: ProviderConfig): ProviderView {
  if (config.kind === 'off') return { kind: 'off' };
  return {
    kind: 'openai',
    baseUrl: config.baseUrl,
    origin: providerOrigin(config.baseUrl) ?? '',
    model: config.model,
    maskedKey: config.apiKey ? maskKey(config.apiKey) : null,
    requestsPerMinute: config.requestsPerMinute,
    tokensPerMinute: config.tokensPerMinute,
    transcriptionModel: config.transcriptionModel,
  };
}

/**
 * Extra time a job gets when the provider is on: every attempt of one request may take its
 * whole time limit, so the job's own time limit must not cut the summary stage short.
 */
export function providerAllowanceMs(config: ProviderConfig, backoffCapMs: number): number {
  if (config.kind === 'off') return 0;
  return config.maxAttempts * config.timeoutMs + (config.maxAttempts - 1) * backoffCapMs;
}
