import { afterEach, describe, expect, it } from 'vitest';
import { providerRig, type ProviderRig } from './fixtures/providerRig.ts';

let rig: ProviderRig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

describe('provider client in the pool worker, against the stub', () => {
  it('a success is one request, stored beside the on-device summary and marked as the provider\'s', async () => {
    rig = await providerRig('ok');
    const result = await rig.summarize();
    const requests = await rig.requests();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.authorization).toBe('Bearer sk-test-0123456789abcdef');
    expect(requests[0]!.model).toBe('stub-model');
    expect(result.provider).toMatchObject({ status: 'done', source: 'provider', model: 'stub-model', actionItems: ['Send the stub report'], requests: 1 });
    expect(result.provider?.status === 'done' && result.provider.summary).toMatch(/^Stub summary of \d+ characters\.$/);
    // The on-device summary is still there, whole.
    expect(result.actionItems.map((item) => item.text)).toContain('Send the report to finance');
  });

  it('a 5xx is transient: retried with exponential backoff and full jitter (injected clock)', async () => {
    rig = await providerRig('500,500,500,ok', {}, { backoffBaseMs: 1000, backoffCapMs: 30_000 });
    const result = await rig.summarize();
    expect(await rig.requests()).toHaveLength(4);
    // random() = 0.5 of the ceilings 1000, 2000, 4000.
    expect(rig.gate.waits).toEqual([500, 1000, 2000]);
    expect(result.provider).toMatchObject({ status: 'done', requests: 4 });
    expect(rig.gate.state).toEqual({ status: 'closed', failures: 0 });
  });

  it('a 429 honours Retry-After and does not count as a failure', async () => {
    rig = await providerRig('429-3,ok');
    const result = await rig.summarize();
    expect(await rig.requests()).toHaveLength(2);
    expect(rig.gate.waits).toEqual([3000]);
    expect(result.provider?.status).toBe('done');
  });

  it('a Retry-After longer than the backoff cap falls back at once', async () => {
    rig = await providerRig('429-120,ok');
    const result = await rig.summarize();
    expect(await rig.requests()).toHaveLength(1);
    expect(result.provider).toMatchObject({ status: 'fallback', message: expect.stringContaining('asked to wait 120 s') });
  });

  it('a response slower than the timeout is transient and retried', async () => {
    rig = await providerRig('slow-3000,ok', { timeoutMs: 300 });
    const result = await rig.summarize();
    expect(await rig.requests()).toHaveLength(2);
    expect(rig.gate.waits).toEqual([500]);
    expect(result.provider?.status).toBe('done');
  });

  it('a 401 is permanent: no retry, one clear message, and later sessions skip the provider', async () => {
    rig = await providerRig('401');
    const first = await rig.summarize();
    const second = await rig.summarize();
    expect(await rig.requests()).toHaveLength(1);
    expect(rig.gate.waits).toEqual([]);
    for (const result of [first, second]) {
      expect(result.provider).toMatchObject({ status: 'fallback', message: expect.stringContaining('Your API key needs attention.') });
      expect(JSON.stringify(result)).not.toContain('sk-test');
      expect(result.sentences.length + result.actionItems.length).toBeGreaterThan(0);
    }
  });

  it('a long text is cut into chunks that fit the context, then merged', async () => {
    rig = await providerRig('ok', { contextTokens: 1280 });
    // 256 tokens a chunk, about 1 KB: 3 KB of notes make 3 or 4 chunks and one merge.
    const notes = Array.from({ length: 60 }, (_, i) => `Line ${i} of the notes says something about the budget.`).join('\n');
    const result = await rig.summarize(notes);
    const requests = await rig.requests();
    expect(requests.length).toBeGreaterThanOrEqual(4);
    for (const request of requests) expect(request.chars).toBeLessThan(1024 + 400);
    expect(result.provider).toMatchObject({ status: 'done', requests: requests.length });
  });

  it('every request spends one request and its estimated tokens from the engine\'s shared rate limiter', async () => {
    rig = await providerRig('ok', { requestsPerMinute: 30, tokensPerMinute: 20_000 });
    await rig.summarize();
    const [request] = await rig.requests();
    // The clock stands still, so nothing refills: exactly what was spent is gone. Tokens: the two
    // messages joined by a newline, at four characters a token, plus the answer's limit (512).
    const stats = rig.limiter.stats();
    expect(stats['provider:requests']).toMatchObject({ capacity: 30, tokens: 29, granted: 1 });
    expect(stats['provider:tokens']).toMatchObject({ capacity: 20_000, tokens: 20_000 - (Math.ceil((request!.chars + 1) / 4) + 512), granted: 1 });
  });
});
