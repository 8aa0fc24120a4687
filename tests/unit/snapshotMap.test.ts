import { describe, expect, test } from 'vitest';
import { SnapshotMap } from '../../src/app/snapshotMap.ts';
import { mulberry32 } from '../../workers/samples/random.ts';

const sorted = (map: ReadonlyMap<string, number>) => [...map].sort(([a], [b]) => a.localeCompare(b));

describe('SnapshotMap', () => {
  test('reads as a Map through random sets, deletes and clears; every snapshot keeps what the map held when it was taken', () => {
    const random = mulberry32(43);
    const map = new SnapshotMap<number>();
    const model = new Map<string, number>();
    const taken: { snapshot: ReadonlyMap<string, number>; expected: [string, number][] }[] = [];
    for (let step = 0; step < 5_000; step++) {
      const key = `session-${Math.floor(random() * 600)}`;
      const roll = random();
      if (roll < 0.6) {
        map.set(key, step);
        model.set(key, step);
      } else if (roll < 0.95) {
        expect(map.delete(key)).toBe(model.delete(key));
      } else if (roll < 0.952) {
        map.clear();
        model.clear();
      } else {
        taken.push({ snapshot: map.snapshot(), expected: sorted(model) });
      }
      expect(map.size).toBe(model.size);
      expect(map.get(key)).toBe(model.get(key));
      expect(map.has(key)).toBe(model.has(key));
    }
    expect(sorted(map)).toEqual(sorted(model));
    expect(taken.length).toBeGreaterThan(100);
    for (const { snapshot, expected } of taken) {
      expect(sorted(snapshot)).toEqual(expected);
      expect(snapshot.size).toBe(expected.length);
      for (const [key, value] of expected) expect(snapshot.get(key)).toBe(value);
    }
  });

  test('a snapshot is the same object until the map is written, and keys, values and forEach agree with entries', () => {
    const map = new SnapshotMap<number>();
    map.set('a', 1);
    map.set('b', 2);
    const first = map.snapshot();
    expect(map.snapshot()).toBe(first);
    map.delete('missing');
    expect(map.snapshot()).toBe(first);
    map.set('a', 3);
    const second = map.snapshot();
    expect(second).not.toBe(first);
    expect(first.get('a')).toBe(1);
    expect(second.get('a')).toBe(3);
    const seen: [string, number][] = [];
    second.forEach((value, key) => seen.push([key, value]));
    expect(seen).toEqual([...second.entries()]);
    expect([...second.keys()]).toEqual(seen.map(([key]) => key));
    expect([...second.values()]).toEqual(seen.map(([, value]) => value));
  });
});
