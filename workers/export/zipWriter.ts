import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** Output held as arrays before it is folded into a Blob, which the browser may keep off the heap. */
const FOLD_BYTES = 8 * 1024 * 1024;

/** Writes a zip file by file with fflate's streaming Zip; the result is one Blob. */
export class ZipWriter {
  private readonly parts: Blob[] = [];
  private pending: Uint8Array<ArrayBuffer>[] = [];
  private pendingBytes = 0;
  private failure: Error | null = null;
  private readonly zip: Zip;

  /** @param mtime The modification time every entry gets. */
  constructor(private readonly mtime: Date = new Date()) {
    this.zip = new Zip((error, chunk) => {
      if (error) {
        this.failure = error;
        return;
      }
      this.pending.push(chunk as Uint8Array<ArrayBuffer>);
      this.pendingBytes += chunk.length;
      if (this.pendingBytes >= FOLD_BYTES) this.fold();
    });
  }

  /** Adds one file at `path`. `store` keeps it as it is: PNGs are compressed already. */
  add(path: string, data: Uint8Array, { store = false }: { store?: boolean } = {}): void {
    const file = store ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 6 });
    file.mtime = this.mtime;
    this.zip.add(file);
    file.push(data, true);
    if (this.failure) throw this.failure;
  }

  /** Ends the archive and returns it. */
  finish(): Blob {
    this.zip.end();
    if (this.failure) throw this.failure;
    this.fold();
    return new Blob(this.parts, { type: 'application/zip' });
  }

  private fold(): void {
    if (this.pending.length > 0) this.parts.push(new Blob(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }
}
