/**
 * Object URLs for the most recently used `limit` Blobs, each revoked when it is dropped or the
 * cache is cleared. For pictures that come back often (the thumbnails under a playhead dragged to
 * and fro): making an object URL is a synchronous round trip to Chromium's blob registry (about
 * 1.3 ms each on a busy machine), so making one per move, as useBlobUrl would, adds up.
 */
export class ObjectUrlCache {
  private readonly urls = new Map<Blob, string>();

  /** @param limit How many URLs to keep; well above the pictures on screen, so none shown is revoked. */
  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new TypeError(`Expected \`limit\` to be a number from 1 and up, got \`${limit}\` (${typeof limit})`);
  }

  get size(): number {
    return this.urls.size;
  }

  /** The Blob's URL, made on first use; marks it the most recently used. */
  get(blob: Blob): string {
    let url = this.urls.get(blob);
    if (url !== undefined) this.urls.delete(blob);
    else url = URL.createObjectURL(blob);
    this.urls.set(blob, url);
    if (this.urls.size > this.limit) {
      const [oldest, oldUrl] = this.urls.entries().next().value!;
      this.urls.delete(oldest);
      URL.revokeObjectURL(oldUrl);
    }
    return url;
  }

  /** Revokes every URL (when the pictures go); later calls to get() make new ones. */
  clear(): void {
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls.clear();
  }
}
