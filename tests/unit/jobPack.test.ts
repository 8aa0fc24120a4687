import { describe, expect, it } from 'vitest';
import { cancelJob, createJob, type NewJob } from '../../src/engine/transitions.ts';
import type { Job } from '../../src/shared/job.ts';
import { packJobs, withoutJobs } from '../../src/store/jobPack.ts';
import { unpackJobs } from '../../src/shared/packedJobs.ts';

const base: NewJob = { id: 'j', sessionId: 's', batchId: 'b', priority: 'normal', seq: 0, stageOrder: ['ocr', 'summary'], timeoutMs: 1000, maxAttempts: 3, now: 5 };
const jobs = (count: number, extra: Partial<NewJob> = {}) =>
  Array.from({ length: count }, (_, i) => createJob({ ...base, ...extra, id: `j${i}`, sessionId: `s${i}`, seq: i, timeoutMs: 1000 + i }));
let packs = 0;
const newId = () => `p${packs++}`;

describe('packJobs', () => {
  it('packs new jobs `size` to a record, and unpackJobs gives each job back exactly, in order', () => {
    const params = { seed: 1 };
    for (const made of [jobs(7), jobs(7, { params }), jobs(7, { kind: 'reapply-privacy' })]) {
      const { packs: written, rest } = packJobs(made, 3, newId);
      expect(rest).toEqual([]);
      expect(written.map((pack) => pack.ids.length)).toEqual([3, 3, 1]);
      // Through a structured clone, as IndexedDB stores it.
      const back: Job[] = structuredClone(written).flatMap(unpackJobs);
      expect(back).toStrictEqual(made);
    }
  });

  it('stores what the jobs share once: a pack of 500 is a few tens of kilobytes', () => {
    const made = jobs(500).map((job) => ({ ...job, id: `job_${crypto.randomUUID()}` }));
    const [pack] = packJobs(made, 500, newId).packs;
    expect(JSON.stringify(pack).length).toBeLessThan(40_000);
    expect(JSON.stringify(made).length).toBeGreaterThan(100_000);
  });

  it('keeps apart jobs of another spec, and never packs a job it could not rebuild', () => {
    const [a, b] = jobs(2);
    const other = createJob({ ...base, id: 'other', priority: 'high' });
    const sameParamsValue = [createJob({ ...base, id: 'p1', params: { x: 1 } }), createJob({ ...base, id: 'p2', params: { x: 1 } })];
    const started = { ...a!, attempts: 1 };
    const progressed = { ...b!, id: 'progressed', stages: { ...b!.stages, ocr: { status: 'pending' as const, progress: 0.5 } } };
    const withError = { ...b!, id: 'with-error', lastError: { class: 'transient' as const, message: 'x' } };
    const explicitUndefined = { ...b!, id: 'undefined-params', params: undefined };
    const cancelled = cancelJob(b!, 9);
    const notedStage = { ...b!, id: 'noted-stage', stages: { ...b!.stages, ocr: { status: 'pending' as const, progress: 0, message: 'x' } } };
    const extraStage = { ...b!, id: 'extra-stage', stages: { ...b!.stages, extra: { status: 'pending' as const, progress: 0 } } };
    const { packs: written, rest } = packJobs([a!, b!, other, ...sameParamsValue, started, progressed, withError, explicitUndefined, cancelled, notedStage, extraStage], 10, newId);
    // Params are opaque: equal-looking params of two objects are two specs.
    expect(written.map((pack) => pack.ids)).toEqual([['j0', 'j1'], ['other'], ['p1'], ['p2']]);
    expect(rest).toEqual([started, progressed, withError, explicitUndefined, cancelled, notedStage, extraStage]);
    expect(structuredClone(written).flatMap(unpackJobs)).toStrictEqual([a, b, other, ...sameParamsValue]);
  });
});

describe('withoutJobs', () => {
  it('drops the leaving jobs from every column and keeps the key and the rest in order; null once none is left', () => {
    const made = jobs(5);
    const [pack] = packJobs(made, 10, newId).packs;
    const shrunk = withoutJobs(pack!, new Set([made[1]!.id, made[3]!.id, 'not-in-the-pack']));
    expect(shrunk?.id).toBe(pack!.id);
    expect(unpackJobs(shrunk!)).toStrictEqual([made[0], made[2], made[4]]);
    expect(withoutJobs(shrunk!, new Set(made.map((one) => one.id)))).toBeNull();
    // The pack it came from is left as it was.
    expect(unpackJobs(pack!)).toStrictEqual(made);
  });
});
