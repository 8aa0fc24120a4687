import { describe, expect, it } from 'vitest';
import type { StageOutcome } from '../../src/shared/protocol.ts';
import { engineFactory, type TestEngine } from './fixtures/engine.ts';
import { waitFor } from './fixtures/waitFor.ts';

const { engine } = engineFactory({ concurrency: 2 });

/** What stage `test.idleSlots` of the session's stored result read from its run request. */
async function idleSlotsSeen(e: TestEngine, sessionId: string): Promise<unknown> {
  const outcome = (await e.db.get('results', sessionId))?.outcomes['test.idleSlots'] as StageOutcome | undefined;
  return outcome?.status === 'done' ? outcome.result : outcome;
}

async function started(e: TestEngine, sessionIds: string[], params: Record<string, unknown> = {}) {
  return e.scheduler.enqueue(
    sessionIds.map((sessionId) => ({ sessionId, timeoutMs: 20_000 })),
    { batchId: 'b', stages: ['test.idleSlots'], params },
  );
}

describe('RunRequest.idleSlots: the pool slots a job may use beside its own', () => {
  it('a job alone on a pool of 2 is told of 1 idle slot', async () => {
    const e = await engine();
    await e.scheduler.start();
    const [session] = await e.addSessions(1);
    await started(e, [session!]);
    await e.scheduler.drain();
    expect(await idleSlotsSeen(e, session!)).toBe(1);
  });

  it('two jobs dispatched together on a pool of 2 are told of none', async () => {
    const e = await engine();
    await e.scheduler.start();
    const sessions = await e.addSessions(2);
    await started(e, sessions);
    await e.scheduler.drain();
    for (const session of sessions) expect(await idleSlotsSeen(e, session)).toBe(0);
  });

  it('a job that starts while another runs is told of none; the one running alone was told of 1', async () => {
    const e = await engine();
    await e.scheduler.start();
    const [first, second] = await e.addSessions(2);
    const [running] = await started(e, [first!], { sleepMs: 800 });
    await waitFor(() => e.scheduler.get(running!.id)?.state === 'running', { what: 'the first job to run' });
    await started(e, [second!]);
    await e.scheduler.drain();
    expect(await idleSlotsSeen(e, first!)).toBe(1);
    expect(await idleSlotsSeen(e, second!)).toBe(0);
  });
});
