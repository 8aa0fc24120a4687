/// <reference lib="webworker" />
import * as workerpool from 'workerpool';
import { kernel } from './kernel.ts';

// The same task code as the Comlink worker, registered the way workerpool's documentation shows.
workerpool.worker({
  noop: () => null,
  cpu: (iterations: number) => kernel(iterations),
});
