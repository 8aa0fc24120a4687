/** How many own enumerable keys an object has, without making a list of them (10,000 jobs are checked in one command). */
export function ownKeyCount(value: object): number {
  let count = 0;
  for (const key in value) if (Object.hasOwn(value, key)) count++;
  return count;
}
