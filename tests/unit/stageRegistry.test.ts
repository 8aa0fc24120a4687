import { describe, expect, it } from 'vitest';
import { loadStage, registerStage, registerStageLoader } from '../../workers/registry.ts';
import { StageFailure, type StageFn } from '../../workers/stage.ts';

const stage = (title: string): StageFn => async () => ({ title });

describe('stage registry: stages loaded on first use', () => {
  it('loads a stage once, however many jobs ask at the same time, and not before one asks', async () => {
    let loads = 0;
    const fn = stage('loaded');
    registerStageLoader('registry.once', async () => {
      loads++;
      return fn;
    });
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([loadStage('registry.once'), loadStage('registry.once')]);
    expect(loads).toBe(1);
    expect(a).toBe(fn);
    expect(b).toBe(fn);
    expect(await loadStage('registry.once')).toBe(fn);
    expect(loads).toBe(1);
  });

  it('a stage whose code does not load fails as a transient step failure with a human message, and the next job loads again', async () => {
    let loads = 0;
    const fn = stage('second try');
    registerStageLoader('registry.flaky', async () => {
      loads++;
      if (loads === 1) throw new TypeError('Failed to fetch dynamically imported module: http://localhost/assets/video-x1y2.js');
      return fn;
    });
    const failure = await loadStage('registry.flaky').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StageFailure);
    expect(failure).toMatchObject({ errorClass: 'transient', message: 'The code of this step could not be loaded. Reloading the page usually fixes this.' });
    expect(await loadStage('registry.flaky')).toBe(fn);
    expect(loads).toBe(2);
  });

  it('a stage registered as a function is returned as it is; an unknown name gives undefined', async () => {
    const fn = stage('plain');
    registerStage('registry.plain', fn);
    expect(await loadStage('registry.plain')).toBe(fn);
    expect(await loadStage('registry.nothing')).toBeUndefined();
  });
});
