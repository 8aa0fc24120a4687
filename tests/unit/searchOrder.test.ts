import { describe, expect, test } from 'vitest';
import { preciseFirst } from '../../workers/search/order.ts';

const hit = (sessionId: string, kind: string) => ({ sessionId, kind, id: `${sessionId}:${kind}` });

describe('preciseFirst()', () => {
  test('a session document moves just after its session’s first chapter or cue hit', () => {
    const hits = [hit('a', 'session'), hit('b', 'cue'), hit('a', 'cue'), hit('a', 'chapter')];
    expect(preciseFirst(hits).map((h) => h.id)).toEqual(['b:cue', 'a:cue', 'a:session', 'a:chapter']);
  });

  test('a session document without precise hits of its session keeps its place', () => {
    const hits = [hit('a', 'session'), hit('b', 'cue'), hit('b', 'session')];
    expect(preciseFirst(hits).map((h) => h.id)).toEqual(['a:session', 'b:cue', 'b:session']);
  });

  test('keeps every hit exactly once', () => {
    const hits = [hit('a', 'session'), hit('a', 'chapter'), hit('c', 'session'), hit('c', 'cue'), hit('d', 'cue')];
    const ordered = preciseFirst(hits);
    expect(ordered).toHaveLength(hits.length);
    expect(new Set(ordered)).toEqual(new Set(hits));
  });
});
