/**
 * Orders hits best first, except that a session's own document (title, notes, summary) comes
 * just after its session's first chapter or transcript hit: the summary repeats what was said and
 * shown, and the precise hit leads to the moment. Stable otherwise.
 */
export function preciseFirst<T extends { sessionId: string; kind: string }>(
  hits: readonly T[],
  /** Sessions with a chapter or cue hit; pass it when `hits` is only the best part of a longer list. */
  precise: ReadonlySet<string> = new Set(hits.filter((hit) => hit.kind !== 'session').map((hit) => hit.sessionId)),
): T[] {
  const held = new Map<string, T>();
  const placed = new Set<string>();
  const out: T[] = [];
  for (const hit of hits) {
    if (hit.kind === 'session' && precise.has(hit.sessionId) && !placed.has(hit.sessionId)) {
      held.set(hit.sessionId, hit);
      continue;
    }
    out.push(hit);
    if (hit.kind !== 'session' && !placed.has(hit.sessionId)) {
      placed.add(hit.sessionId);
      const waiting = held.get(hit.sessionId);
      if (waiting) out.push(waiting);
    }
  }
  return out;
}
