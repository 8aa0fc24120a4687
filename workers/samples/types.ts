// The main thread receives samples from the samples worker, so the shape lives in src/shared;
// it is re-exported here so that worker code names it next to the generator.
export type { SampleFile, SampleSession } from '../../src/shared/samples.ts';
