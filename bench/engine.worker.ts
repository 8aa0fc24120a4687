/// <reference lib="webworker" />
import { registerStage } from '../workers/registry.ts';
import { exposeWorkerApi } from '../workers/runtime.ts';
import { kernel, KERNEL_ITERATIONS } from './kernel.ts';

// The engine's own worker runtime (runJob, progress, spans) with two bench stages instead of the pipeline.
registerStage('bench.noop', async () => null);
registerStage('bench.cpu', async (ctx) => kernel(Number(ctx.params.iterations ?? KERNEL_ITERATIONS)));

exposeWorkerApi();
