import { afterEach, expect, test, vi } from 'vitest';
import { nextTask } from '../../src/shared/nextTask.ts';

afterEach(() => vi.restoreAllMocks());

test('a yield is a posted task, never a timer: nested timers are clamped to 4 ms each', async () => {
  const timers = vi.spyOn(globalThis, 'setTimeout');
  for (let i = 0; i < 20; i++) await nextTask();
  expect(timers).not.toHaveBeenCalled();
});

test('whatever was queued before the yield runs first', async () => {
  const seen: string[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => seen.push('message');
  channel.port2.postMessage(null);
  await nextTask();
  seen.push('after the yield');
  expect(seen).toEqual(['message', 'after the yield']);
  channel.port1.close();
});
