/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import type { ComlinkBenchApi } from './comlinkApi.ts';
import { kernel } from './kernel.ts';

/** A bare Comlink worker: the baseline pool without scheduler, store or worker runtime. */
const api: ComlinkBenchApi = {
  noop: () => null,
  cpu: (iterations) => kernel(iterations),
  serial(count, iterations) {
    let sum = 0;
    for (let i = 0; i < count; i++) sum += kernel(iterations);
    return sum;
  },
};

Comlink.expose(api);
