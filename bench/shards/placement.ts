/**
 * The shard a new session goes to: the newest shard while it holds less than `maxShardChars` of
 * text, else a new one after it. Sessions arrive in the order they are enriched, so a batch fills
 * one shard at a time and a save rewrites only the shard that is filling. `chars` maps shard id to
 * the characters of text its sessions hold.
 */
export function placeSession(chars: ReadonlyMap<number, number>, maxShardChars: number): number {
  if (!Number.isFinite(maxShardChars) || maxShardChars < 1) {
    throw new TypeError(`Expected \`maxShardChars\` to be a number from 1 and up, got \`${maxShardChars}\` (${typeof maxShardChars})`);
  }
  let newest = -1;
  for (const id of chars.keys()) newest = Math.max(newest, id);
  if (newest < 0) return 0;
  return (chars.get(newest) ?? 0) < maxShardChars ? newest : newest + 1;
}
