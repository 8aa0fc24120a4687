import { describe, expect, it } from 'vitest';
import type { StageOutcome } from '../../src/shared/protocol.ts';
import { engineFactory, type TestEngine } from './fixtures/engine.ts';
import { waitFor } from './fixtures/waitFor.ts';

const { engine } = engineFactory({ concurrency: 2 });

/** What stage `test.idleSlots` of the session's stored result saw: the idle slots at its start, and each change. */
async function lentTo(e: TestEngine, sessionId: string): Promise<{ start: number; changes: number[] } | StageOutcome | undefined> {
  const outcome = (await e.db.get('results', sessionId))?.outcomes['test.idleSlots'] as StageOutcome | undefined;
  return outcome?.status === 'done' ? (outcome.result as { start: number; changes: number[] }) : outcome;
}

/** The idle slots the stage was told of as it started. */
async function idleSlotsSeen(e: TestEngine, sessionId: string): Promise<unknown> {
  const seen = await lentTo(e, sessionId);
  return seen && 'start' in seen ? seen.start : seen;
}

/** The idle slots each session's run request carried as the scheduler handed it to the pool. */
function toldAtDispatch(e: TestEngine): Map<string, number> {
  const told = new Map<string, number>();
  const run = e.pool.run.bind(e.pool);
  e.pool.run = (task) => {
    told.set(task.request.sessionId, task.request.idleSlots ?? 0);
    return run(task);
  };
  return told;
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
    // What the run requests said: by the time a stage begins, the first job to end may have lent its slot on.
    const told = toldAtDispatch(e);
    await started(e, sessions, { sleepMs: 300 });
    await e.scheduler.drain();
    expect(sessions.map((session) => told.get(session))).toEqual([0, 0]);
  });

  it('a job that starts while another runs is told of none; the one running alone was told of 1', async () => {
    const e = await engine();
    await e.scheduler.start();
    const [first, second] = await e.addSessions(2);
    const told = toldAtDispatch(e);
    const [running] = await started(e, [first!], { sleepMs: 800 });
    await waitFor(() => e.scheduler.get(running!.id)?.state === 'running', { what: 'the first job to run' });
    await started(e, [second!]);
    await e.scheduler.drain();
    expect([told.get(first!), told.get(second!)]).toEqual([1, 0]);
  });

  it('a job running alone gives its lent slot back when another job starts, and gets it again when that job ends', async () => {
    const e = await engine();
    await e.scheduler.start();
    const [first, second] = await e.addSessions(2);
    // Runs until it has seen two changes (or 8 s): the slot taken, then given back.
    const [running] = await started(e, [first!], { changes: 2, maxMs: 8000 });
    await waitFor(() => (e.scheduler.get(running!.id)?.stages['test.idleSlots']?.progress ?? 0) > 0, { what: 'the first job\'s stage to begin' });
    await started(e, [second!], { sleepMs: 300 });
    await e.scheduler.drain();
    expect(await lentTo(e, first!)).toEqual({ start: 1, changes: [0, 1] });
    expect(await lentTo(e, second!)).toEqual({ start: 0, changes: [] });
  });

  it('a slot that falls idle while jobs are still queued is not lent; one that falls idle after the last is', async () => {
    const e = await engine();
    await e.scheduler.start();
    const sessions = await e.addSessions(4);
    // All four queued before any runs: enqueued one after another while jobs ran, the last could come
    // (its commit slowed by a loaded machine) only after the others had ended, and start alone.
    await e.scheduler.pause();
    // Two run together; as each ends, a queued job takes its slot. The last waits to be lent one (at most 8 s).
    await started(e, sessions.slice(0, 2), { sleepMs: 200 });
    await started(e, [sessions[2]!], { sleepMs: 300 });
    await started(e, [sessions[3]!], { changes: 1, maxMs: 8000 });
    await e.scheduler.resume();
    await e.scheduler.drain();
    expect(await Promise.all(sessions.map((session) => lentTo(e, session)))).toEqual([
      { start: 0, changes: [] },
      { start: 0, changes: [] },
      { start: 0, changes: [] },
      { start: 0, changes: [1] },
    ]);
  });
});
