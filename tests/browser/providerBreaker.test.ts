import { afterEach, describe, expect, it } from 'vitest';
import { providerRig, type ProviderRig } from './fixtures/providerRig.ts';

let rig: ProviderRig | undefined;
afterEach(async () => {
  await rig?.dispose();
  rig = undefined;
});

const BREAKER_MESSAGE = 'The AI provider failed 5 times in a row; it is skipped for now.';

describe('provider circuit breaker, held on the main thread', () => {
  it('opens after 5 consecutive failures, skips the rest of the batch at once, probes after the cool-down and closes on success', async () => {
    rig = await providerRig('500,500,500,500,500,ok', { maxAttempts: 4 }, { breakerCooldownMs: 30_000 });
    // First session: 4 failed requests, then it gives up (attempts used) with the on-device summary.
    const first = await rig.summarize();
    expect(first.provider).toMatchObject({ status: 'fallback', message: expect.stringContaining('HTTP 500') });
    expect(rig.gate.state).toEqual({ status: 'closed', failures: 4 });
    // Second session: its first failure is the fifth in a row: the breaker opens, no retry.
    const second = await rig.summarize();
    expect(second.provider).toMatchObject({ status: 'fallback', message: expect.stringContaining(BREAKER_MESSAGE) });
    expect(rig.gate.state).toMatchObject({ status: 'open', failures: 5 });
    expect(await rig.requests()).toHaveLength(5);
    const waitsBefore = rig.gate.waits.length;
    // The rest of the batch: no request, no waiting.
    const rest = [await rig.summarize(), await rig.summarize()];
    for (const result of rest) expect(result.provider).toMatchObject({ status: 'fallback', message: expect.stringContaining(BREAKER_MESSAGE) });
    // Each fallback makes its job partly done, saying why (the stage's warning).
    expect(rig.warnings.slice(0, 2 + rest.length)).toEqual(Array.from({ length: 2 + rest.length }, () => expect.stringContaining('The on-device summary is shown.')));
    expect(await rig.requests()).toHaveLength(5);
    expect(rig.gate.waits).toHaveLength(waitsBefore);
    // After the cool-down one probe goes through; its success closes the breaker.
    rig.advance(30_000);
    expect(rig.gate.state).toMatchObject({ status: 'half-open', probing: false });
    const probe = await rig.summarize();
    expect(probe.provider).toMatchObject({ status: 'done', requests: 1 });
    expect(await rig.requests()).toHaveLength(6);
    expect(rig.gate.state).toEqual({ status: 'closed', failures: 0 });
  });

  it('a failed probe opens the breaker for another cool-down', async () => {
    rig = await providerRig('500', { maxAttempts: 5 });
    await rig.summarize();
    expect(rig.gate.state.status).toBe('open');
    rig.advance(30_000);
    const probe = await rig.summarize();
    expect(probe.provider?.status).toBe('fallback');
    expect(await rig.requests()).toHaveLength(6);
    expect(rig.gate.state).toMatchObject({ status: 'open', failures: 6 });
  });

  it('is shared by every worker of the pool: failures on two workers add up', async () => {
    // Two jobs at once on two workers, 3 requests each at most: the 6th failure in a row opens it.
    rig = await providerRig('500', { maxAttempts: 3 }, { breakerThreshold: 6 }, 2);
    const runs = [await rig.prepare(), await rig.prepare()];
    const pending = runs.map((run) => run());
    // Both workers hold one job each: the pool never gives a busy worker a second one.
    expect(rig.pool.idle).toBe(0);
    const results = await Promise.all(pending);
    for (const result of results) expect(result.provider?.status).toBe('fallback');
    expect(await rig.requests()).toHaveLength(6);
    expect(rig.gate.state).toMatchObject({ status: 'open', failures: 6 });
    const later = await rig.summarize();
    expect(later.provider).toMatchObject({ status: 'fallback', message: expect.stringContaining('failed 6 times in a row') });
    expect(await rig.requests()).toHaveLength(6);
  });
});
