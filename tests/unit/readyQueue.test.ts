import { describe, expect, it } from 'vitest';
import type { Priority } from '../../src/shared/job.ts';
import { ReadyQueue } from '../../src/engine/readyQueue.ts';

function drain(queue: ReadyQueue): string[] {
  const ids: string[] = [];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) ids.push(id);
  return ids;
}

describe('ReadyQueue', () => {
  it('.shift() - high before normal before low', () => {
    const queue = new ReadyQueue();
    queue.push('low', 'low', 1);
    queue.push('normal', 'normal', 2);
    queue.push('high', 'high', 3);
    expect(drain(queue)).toEqual(['high', 'normal', 'low']);
  });

  it('.shift() - first in, first out (by seq) within a priority', () => {
    const queue = new ReadyQueue();
    queue.push('c', 'normal', 30);
    queue.push('a', 'normal', 10);
    queue.push('d', 'high', 40);
    queue.push('b', 'normal', 20);
    expect(drain(queue)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('.shift() - insertion order breaks ties on seq', () => {
    const queue = new ReadyQueue();
    for (const id of ['x', 'y', 'z']) queue.push(id, 'low', 5);
    expect(drain(queue)).toEqual(['x', 'y', 'z']);
  });

  it('.shift() and .peek() - undefined when empty', () => {
    const queue = new ReadyQueue();
    expect(queue.shift()).toBeUndefined();
    expect(queue.peek()).toBeUndefined();
    expect(queue.size).toBe(0);
  });

  it('.peek() - shows the next id without taking it', () => {
    const queue = new ReadyQueue();
    queue.push('a', 'normal', 1);
    queue.push('b', 'high', 2);
    expect(queue.peek()).toBe('b');
    expect(queue.size).toBe(2);
    expect(queue.shift()).toBe('b');
  });

  it('.remove() - takes an id out from anywhere, including the top', () => {
    const queue = new ReadyQueue();
    queue.push('a', 'high', 1);
    queue.push('b', 'normal', 2);
    queue.push('c', 'low', 3);
    expect(queue.remove('b')).toBe(true);
    expect(queue.remove('b')).toBe(false);
    expect(queue.has('b')).toBe(false);
    expect(queue.size).toBe(2);
    expect(queue.remove('a')).toBe(true);
    expect(queue.peek()).toBe('c');
    expect(drain(queue)).toEqual(['c']);
  });

  it('.push() - an id pushed again moves to its new place and is not duplicated', () => {
    const queue = new ReadyQueue();
    queue.push('a', 'low', 1);
    queue.push('b', 'normal', 2);
    queue.push('a', 'high', 3);
    expect(queue.size).toBe(2);
    expect(drain(queue)).toEqual(['a', 'b']);
  });

  it('.push() - an id removed and pushed again comes back once', () => {
    const queue = new ReadyQueue();
    queue.push('a', 'normal', 1);
    queue.remove('a');
    queue.push('a', 'normal', 2);
    expect(drain(queue)).toEqual(['a']);
  });

  it('.push() - rejects an unknown priority', () => {
    expect(() => new ReadyQueue().push('a', 'urgent' as Priority, 1)).toThrow(
      new TypeError('Expected `priority` to be one of `high`, `normal`, `low`, got `urgent` (string)'),
    );
    expect(() => new ReadyQueue().push('a', 'toString' as Priority, 1)).toThrow(TypeError);
  });

  it('.has() and .size - follow pushes, shifts and removals', () => {
    const queue = new ReadyQueue();
    queue.push('a', 'normal', 1);
    queue.push('b', 'normal', 2);
    expect(queue.has('a')).toBe(true);
    queue.shift();
    expect(queue.has('a')).toBe(false);
    expect(queue.size).toBe(1);
    queue.clear();
    expect(queue.size).toBe(0);
    expect(queue.shift()).toBeUndefined();
  });

  it('keeps order through many removals (lazy removal and compaction)', () => {
    const queue = new ReadyQueue();
    for (let i = 0; i < 1000; i++) queue.push(`j${i}`, 'normal', i);
    for (let i = 0; i < 1000; i++) if (i % 3 !== 0) queue.remove(`j${i}`);
    const expected = Array.from({ length: 334 }, (_, k) => `j${k * 3}`);
    expect(queue.size).toBe(334);
    expect(drain(queue)).toEqual(expected);
  });

  it('orders 100,000 shuffled entries by priority, then FIFO', () => {
    const priorities: Priority[] = ['high', 'normal', 'low'];
    const entries = Array.from({ length: 100_000 }, (_, seq) => ({ id: `j${seq}`, priority: priorities[seq % 3]!, seq }));
    // Deterministic Fisher-Yates shuffle with a linear congruential generator.
    let state = 12_345;
    for (let i = entries.length - 1; i > 0; i--) {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      const j = state % (i + 1);
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    const queue = new ReadyQueue();
    for (const { id, priority, seq } of entries) queue.push(id, priority, seq);
    expect(queue.size).toBe(100_000);
    const out = drain(queue);

    const rank = { high: 0, normal: 1, low: 2 };
    const expected = [...entries].sort((a, b) => rank[a.priority] - rank[b.priority] || a.seq - b.seq).map((e) => e.id);
    expect(out).toEqual(expected);
  });
});

describe('ReadyQueue aging', () => {
  it('.shift() - a low job passed over `agingAfter` times in a row goes next, then high resumes', () => {
    const queue = new ReadyQueue({ agingAfter: 3 });
    queue.push('low', 'low', 0);
    for (let i = 1; i <= 6; i++) queue.push(`high-${i}`, 'high', i);
    expect(drain(queue)).toEqual(['high-1', 'high-2', 'high-3', 'low', 'high-4', 'high-5', 'high-6']);
  });

  it('.shift() - under a steady stream of high jobs, normal and low still start', () => {
    const queue = new ReadyQueue({ agingAfter: 4 });
    queue.push('normal', 'normal', 0);
    queue.push('low', 'low', 1);
    const started: string[] = [];
    // Every start, a new high job arrives: without aging the other two would wait forever.
    for (let i = 0; i < 20; i++) {
      queue.push(`high-${i}`, 'high', 10 + i);
      started.push(queue.shift()!);
    }
    expect(started.indexOf('normal')).toBe(4);
    expect(started.indexOf('low')).toBeGreaterThan(4);
    expect(started.indexOf('low')).toBeLessThan(12);
    expect(started.filter((id) => id.startsWith('high')).length).toBe(18);
  });

  it('.shift() - the count starts over when the lower lane empties', () => {
    const queue = new ReadyQueue({ agingAfter: 2 });
    queue.push('n1', 'normal', 0);
    queue.push('h1', 'high', 1);
    expect(queue.shift()).toBe('h1');
    queue.remove('n1');
    queue.push('h2', 'high', 2);
    expect(queue.shift()).toBe('h2');
    queue.push('n2', 'normal', 3);
    queue.push('h3', 'high', 4);
    queue.push('h4', 'high', 5);
    expect(drain(queue)).toEqual(['h3', 'h4', 'n2']);
  });

  it('rejects an `agingAfter` below 1', () => {
    expect(() => new ReadyQueue({ agingAfter: 0 })).toThrow('Expected `agingAfter` to be a number from 1 and up, got `0`');
  });
});
