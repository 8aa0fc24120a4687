import { describe, expect, it } from 'vitest';
import { engineFactory } from './fixtures/engine.ts';
import { readStoredJob } from '../../src/shared/runningJobs.ts';

const { engine } = engineFactory();

describe('Scheduler over a real pool and IndexedDB', () => {
  it('runs a job through the real pipeline and commits its result with its state', async () => {
    const e = await engine();
    await e.scheduler.start();
    const [sessionId] = await e.addSessions(1);
    const [job] = await e.scheduler.enqueue([{ sessionId: sessionId!, timeoutMs: 20_000 }], {
      batchId: 'b1',
      stages: ['audio', 'chapters'],
    });
    await e.scheduler.drain();

    const stored = await readStoredJob(e.db, job!.id);
    const result = await e.db.get('results', sessionId!);
    expect(stored?.state).toBe('succeeded');
    expect(stored?.attempts).toBe(1);
    expect(result?.jobId).toBe(job!.id);
    expect(result?.outcomes.audio?.status).toBe('done');
    expect(result?.outcomes.chapters?.status).toBe('done');
  });

  it('a stage that fails permanently leaves the others done: the job ends partial', async () => {
    const e = await engine();
    await e.scheduler.start();
    const [sessionId] = await e.addSessions(1);
    const [job] = await e.scheduler.enqueue([{ sessionId: sessionId!, timeoutMs: 20_000 }], {
      batchId: 'b1',
      stages: ['test.ok', 'test.throw', 'audio'],
      params: { message: 'The file is unreadable.' },
    });
    await e.scheduler.drain();
    const stored = await readStoredJob(e.db, job!.id);
    expect(stored?.state).toBe('partial');
    expect(stored?.attempts).toBe(1);
    expect(stored?.stages['test.throw']).toMatchObject({ status: 'failed', message: 'The file is unreadable.' });
    expect(stored?.stages.audio?.status).toBe('done');
  });
});
