import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DueTimer } from '../../src/engine/dueTimer.ts';

describe('DueTimer', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1000 }));
  afterEach(() => vi.useRealTimers());

  it('.set() - hands over each id when it falls due, earliest first, in batches of those due together', () => {
    const fired: string[][] = [];
    const timer = new DueTimer((ids) => fired.push(ids), Date.now);
    timer.set('late', 1300);
    timer.set('early', 1100);
    timer.set('also-early', 1100);
    vi.advanceTimersByTime(99);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([['early', 'also-early']]);
    vi.advanceTimersByTime(200);
    expect(fired).toEqual([['early', 'also-early'], ['late']]);
  });

  it('.delete() and a moved due time - an id is handed over once, at its last time, or never', () => {
    const fired: string[][] = [];
    const timer = new DueTimer((ids) => fired.push(ids), Date.now);
    timer.set('moved', 1100);
    timer.set('gone', 1050);
    timer.delete('gone');
    timer.set('moved', 1500);
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual([['moved']]);
  });

  it('keeps one timer armed, however many ids wait', () => {
    const timer = new DueTimer(() => {}, Date.now);
    for (let i = 0; i < 10_000; i++) timer.set(`job-${i}`, 2000 + i);
    expect(vi.getTimerCount()).toBe(1);
    timer.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
