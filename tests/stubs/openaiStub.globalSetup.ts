import type { TestProject } from 'vitest/node';
import { startOpenAiStub } from './openaiStub.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    openaiStubUrl: string;
  }
}

/** Starts the OpenAI-compatible stub for the browser tests and hands its URL to them. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stub = await startOpenAiStub();
  project.provide('openaiStubUrl', stub.url);
  return () => stub.close();
}
