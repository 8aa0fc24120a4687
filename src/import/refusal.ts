/** Why `name` (a session folder, a sample) could not be stored, in words: storage full, or the error's own. */
export function refusal(name: string, error: unknown): string {
  const quota = error instanceof DOMException && error.name === 'QuotaExceededError';
  return quota ? `${name} was not imported: the device is out of storage space.` : `${name} could not be imported: ${(error as Error).message}`;
}
