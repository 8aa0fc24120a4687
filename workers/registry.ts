import { StageFailure, type StageFn } from './stage.ts';

/** A stage, or how to load its code: a worker fetches a stage's code the first time a job needs it. */
type Entry = { fn: StageFn } | { load: () => Promise<StageFn>; loading?: Promise<StageFn> };

const stages = new Map<string, Entry>();

/** Makes a stage runnable by name in this worker. Test workers register their fault stages here too. */
export function registerStage(name: string, fn: StageFn): void {
  stages.set(name, { fn });
}

/**
 * Makes a stage runnable by name, its code loaded on first use: a worker starts without parsing
 * stages it may never run (the video stage alone brings 2 MB of demuxers).
 */
export function registerStageLoader(name: string, load: () => Promise<StageFn>): void {
  stages.set(name, { load });
}

/**
 * The stage called `name`, undefined when there is none. A load that fails (the app updated and its
 * old files are gone, the network cut while not precached) is a transient failure of the step, and
 * the next job loads again.
 */
export async function loadStage(name: string): Promise<StageFn | undefined> {
  const entry = stages.get(name);
  if (!entry) return undefined;
  if ('fn' in entry) return entry.fn;
  entry.loading ??= entry.load().then(
    (fn) => {
      stages.set(name, { fn });
      return fn;
    },
    () => {
      entry.loading = undefined;
      throw new StageFailure('transient', 'The code of this step could not be loaded. Reloading the page usually fixes this.');
    },
  );
  return entry.loading;
}
