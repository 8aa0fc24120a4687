import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttledProgress } from '../../workers/progress.ts';

describe('a stage\'s progress messages', () => {
  let sent: number[];
  const sink = async (_job: string, _stage: string, fraction: number) => void sent.push(fraction);

  beforeEach(() => {
    sent = [];
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => vi.useRealTimers());

  it('a stage that ends within one interval sends nothing', () => {
    const progress = throttledProgress(sink, 'j', 's');
    progress.start();
    vi.advanceTimersByTime(30);
    progress.stop();
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([]);
  });

  it('a longer stage that reports nothing says it started, once, after one interval', () => {
    const progress = throttledProgress(sink, 'j', 's');
    progress.start();
    vi.advanceTimersByTime(49);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([0]);
    vi.advanceTimersByTime(1000);
    progress.stop();
    expect(sent).toEqual([0]);
  });

  it('reports are throttled to one per interval, the end always goes, and nothing after stop', () => {
    const progress = throttledProgress(sink, 'j', 's');
    progress.start();
    vi.advanceTimersByTime(10);
    progress(0.1);
    progress(0.2);
    vi.advanceTimersByTime(50);
    progress(0.3);
    progress(1);
    vi.advanceTimersByTime(100);
    progress.stop();
    progress(0.5);
    expect(sent).toEqual([0.1, 0.3, 1]);
  });
});
