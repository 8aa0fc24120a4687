import { describe, expect, it } from 'vitest';
import { engineFactory } from '../fixtures/engine.ts';

const { engine } = engineFactory();

/** A started engine and one stored session whose title says it is broken (the stages' input is bad). */
async function brokenSession() {
  const e = await engine();
  await e.scheduler.start();
  const [sessionId] = await e.addSessions(1);
  const session = (await e.sessions.get(sessionId!))!;
  await e.db.put('sessions', { ...session, title: 'broken draft' });
  return { e, sessionId, session };
}

describe('"Retry failed" (requeue)', () => {
  it('keeps the results of stages done before, so the stored result holds every stage', async () => {
    const { e, sessionId, session } = await brokenSession();
    const [job] = await e.scheduler.enqueue([{ sessionId: sessionId!, timeoutMs: 20_000 }], {
      batchId: 'b1',
      stages: ['test.ok', 'test.failWhileTitle', 'test.seesEarlier'],
    });
    await e.scheduler.drain();
    expect(e.scheduler.get(job!.id)?.state).toBe('partial');
    const first = (await e.db.get('results', sessionId!))!;
    expect(first.outcomes['test.ok']).toMatchObject({ status: 'done', result: { title: 'broken draft' } });

    // The person fixes the input and retries: only the failed stage runs again.
    await e.db.put('sessions', { ...session, title: 'fixed draft' });
    await e.scheduler.requeue([job!.id]);
    await e.scheduler.drain();

    expect(e.scheduler.get(job!.id)?.state).toBe('succeeded');
    const stored = (await e.db.get('results', sessionId!))!;
    expect(stored.jobId).toBe(job!.id);
    expect(Object.keys(stored.outcomes).sort()).toEqual(['test.failWhileTitle', 'test.ok', 'test.seesEarlier']);
    expect(stored.outcomes['test.ok']).toMatchObject({ status: 'done', result: { title: 'broken draft' } });
    expect(stored.outcomes['test.failWhileTitle']).toMatchObject({ status: 'done', result: { title: 'fixed draft' } });
    expect(stored.outcomes['test.seesEarlier']).toMatchObject({ status: 'done', result: { seen: ['test.ok'] } });
  });

  it('a stage run again by the retry sees the results of the stages done before it', async () => {
    const { e, sessionId, session } = await brokenSession();
    const [job] = await e.scheduler.enqueue([{ sessionId: sessionId!, timeoutMs: 20_000 }], {
      batchId: 'b1',
      stages: ['test.ok', 'test.seesEarlier'],
      params: { seesFailWhile: 'broken' },
    });
    await e.scheduler.drain();
    expect(e.scheduler.get(job!.id)?.state).toBe('partial');

    await e.db.put('sessions', { ...session, title: 'fixed draft' });
    await e.scheduler.requeue([job!.id]);
    await e.scheduler.drain();
    const stored = (await e.db.get('results', sessionId!))!;
    expect(stored.outcomes['test.seesEarlier']).toMatchObject({ status: 'done', result: { seen: ['test.ok'] } });
    expect(stored.outcomes['test.ok']).toMatchObject({ status: 'done', result: { title: 'broken draft' } });
  });
});
