import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/engine/rateLimiter.ts';
import { ProviderGate, type ProviderGateOptions } from '../../src/provider/providerGate.ts';
import { PROVIDER_DEFAULTS, type ProviderSettings } from '../../src/shared/provider.ts';

function gate(overrides: Partial<ProviderSettings> = {}, options: Partial<ProviderGateOptions> = {}) {
  let now = 0;
  const settings: ProviderSettings = { kind: 'openai', baseUrl: 'http://127.0.0.1:1', model: 'm', apiKey: null, ...PROVIDER_DEFAULTS, consentedAt: 0, ...overrides };
  const g = new ProviderGate({
    settings,
    limiter: new RateLimiter({ capacity: 1, refillPerSecond: 1 }, () => now),
    clock: () => now,
    random: () => 0.5,
    sleep: async (ms) => void (now += ms),
    ...options,
  });
  return { gate: g, advance: (ms: number) => void (now += ms) };
}
const fail = { kind: 'transient', message: 'The AI provider had an error (HTTP 500).' } as const;

describe('ProviderGate', () => {
  it('.providerReport() - a 429 without Retry-After waits the backoff; attempts are capped', async () => {
    const { gate: g } = gate({ maxAttempts: 2 });
    expect(await g.providerReport(1, { kind: 'rate-limited', retryAfterMs: null })).toEqual({ kind: 'retry' });
    expect(g.waits).toEqual([500]);
    expect(await g.providerReport(2, { kind: 'rate-limited', retryAfterMs: 10 })).toEqual({ kind: 'stop', message: 'The AI provider kept asking to slow down.' });
  });

  it('.providerReport() - a 403 stops every later admission; another 4xx stops only its own request', async () => {
    const { gate: g } = gate();
    expect(await g.providerReport(1, { kind: 'permanent', status: 404, message: 'The AI provider refused the request (HTTP 404).' })).toMatchObject({ kind: 'stop' });
    expect(await g.providerAdmit(10)).toEqual({ kind: 'go' });
    expect(await g.providerReport(1, { kind: 'permanent', status: 403, message: 'Your API key needs attention.' })).toMatchObject({ kind: 'stop' });
    expect(await g.providerAdmit(10)).toEqual({ kind: 'skip', message: 'Your API key needs attention.' });
  });

  it('.providerAdmit() - half-open lets exactly one probe through; a probe that never reports lapses after its time limit', async () => {
    const { gate: g, advance } = gate({ maxAttempts: 1, timeoutMs: 1000 }, { breakerThreshold: 1, breakerCooldownMs: 5000, backoffCapMs: 2000 });
    await g.providerReport(1, fail);
    expect(g.state.status).toBe('open');
    expect((await g.providerAdmit(10)).kind).toBe('skip');
    advance(5000);
    expect(await g.providerAdmit(10)).toEqual({ kind: 'go' });
    expect((await g.providerAdmit(10)).kind).toBe('skip');
    // The probe's worker was stopped: after its time limit and one backoff cap, another may try.
    advance(3000);
    expect(await g.providerAdmit(10)).toEqual({ kind: 'go' });
    expect(await g.providerReport(1, { kind: 'ok' })).toEqual({ kind: 'done' });
    expect(g.state).toEqual({ status: 'closed', failures: 0 });
  });

  it('.providerReport() - with no cool-down a failure does not take the probe that the next admission needs', async () => {
    const { gate: g } = gate({ maxAttempts: 3 }, { breakerThreshold: 1, breakerCooldownMs: 0 });
    expect(await g.providerAdmit(10)).toEqual({ kind: 'go' });
    expect(await g.providerReport(1, fail)).toEqual({ kind: 'retry' });
    expect(await g.providerAdmit(10)).toEqual({ kind: 'go' });
  });
});
