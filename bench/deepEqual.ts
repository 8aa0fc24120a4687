/** Structural equality of plain data (arrays, Maps, objects, numbers, strings): the bench's self-checks. */
export function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [key, value] of a) if (!b.has(key) || !isDeepStrictEqual(value, b.get(key))) return false;
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((value, i) => isDeepStrictEqual(value, b[i]));
  if (typeof a === 'object' && typeof b === 'object' && a && b) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => isDeepStrictEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return false;
}
