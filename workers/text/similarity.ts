/** Jaccard similarity (0..1) of two sets: shared members over all members. Two empty sets count as 1. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const member of a) if (b.has(member)) shared++;
  const all = a.size + b.size - shared;
  return all === 0 ? 1 : shared / all;
}
