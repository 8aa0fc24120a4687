import type { StageFn } from './stage.ts';

const stages = new Map<string, StageFn>();

/** Makes a stage runnable by name in this worker. Test workers register their fault stages here too. */
export function registerStage(name: string, fn: StageFn): void {
  stages.set(name, fn);
}

export function getStage(name: string): StageFn | undefined {
  return stages.get(name);
}
