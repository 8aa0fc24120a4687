import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import type { UnzipOutcome, ZipLimits } from '../../src/shared/zip.ts';
import { readCentralDirectory, type CentralEntry } from './centralDirectory.ts';
import { resolveZipLimits, UnpackMeter, type EntryCount } from './limits.ts';
import { archivePaths, entryPath } from './paths.ts';
import { describeProblem, type ZipProblem } from '../../src/shared/zipProblems.ts';

/**
 * Archive bytes handed to the inflater at a time. Deflate expands at most about 1032 times, so
 * one push makes at most ~66 MB, even for a bomb, before the limits are checked again. Smaller
 * pushes cost fflate more per byte (in Chromium: 110 MB/s at 32 KB, 130–150 MB/s at 64 KB).
 */
const PUSH_BYTES = 64 * 1024;
/** Unpacked bytes of one file held as arrays before they are folded into a Blob, which the browser may keep off the heap. */
const FOLD_BYTES = 8 * 1024 * 1024;
/** Stored and deflate: the methods fflate reads, and nearly every zip uses. */
const SUPPORTED_METHODS = new Set([0, 8]);

/** Gathers one file's unpacked chunks into a File without one big copy. */
class FileBuilder {
  private readonly parts: Blob[] = [];
  private pending: Uint8Array<ArrayBuffer>[] = [];
  private pendingBytes = 0;

  append(chunk: Uint8Array<ArrayBuffer>): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= FOLD_BYTES) this.fold();
  }

  file(name: string, lastModified: number): File {
    this.fold();
    return new File(this.parts, name, { lastModified });
  }

  private fold(): void {
    if (this.pending.length > 0) this.parts.push(new Blob(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }
}

function looksLikeZip(head: Uint8Array): boolean {
  // A local file header, or the end record of an empty archive.
  return head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

/** What the central directory alone already rules out, before a byte is inflated. */
function directoryProblem(entries: readonly CentralEntry[], meter: UnpackMeter): ZipProblem | null {
  for (const entry of entries) {
    const path = entryPath(entry.name);
    if (path === null) continue;
    if (entry.encrypted) return { kind: 'encrypted', entry: path };
    if (!SUPPORTED_METHODS.has(entry.method)) return { kind: 'method', entry: path, method: entry.method };
  }
  return meter.checkDirectory(
    entries.map((entry) => ({ compressed: entry.compressedSize, unpacked: entry.size, folder: entry.directory })),
  );
}

/**
 * Unpacks a zip into files with their paths, streaming: the archive is read in chunks and every
 * limit is checked as bytes come out of the inflater, so a bomb is refused after a few megabytes.
 * Folders, `__MACOSX` and system junk are skipped (though still inflated and counted). A refusal
 * comes back as data with a sentence for people; nothing of a refused archive is returned.
 */
export async function unzipArchive(archive: File, limitsInput: Partial<ZipLimits> = {}): Promise<UnzipOutcome> {
  const limits = resolveZipLimits(limitsInput);
  const refuse = (problem: ZipProblem): UnzipOutcome => ({
    ok: false,
    kind: problem.kind,
    message: describeProblem(archive.name, problem, limits),
  });
  const meter = new UnpackMeter(limits);

  if (!looksLikeZip(new Uint8Array(await archive.slice(0, 4).arrayBuffer()))) return refuse({ kind: 'not-zip' });
  const directory = await readCentralDirectory(archive);
  const times = new Map<string, number>();
  if (directory) {
    const problem = directoryProblem(directory, meter);
    if (problem) return refuse(problem);
    for (const entry of directory) if (entry.modified !== null) times.set(entry.name, entry.modified);
  }

  const kept = new Map<string, { name: string; builder: FileBuilder }>();
  let problem = null as ZipProblem | null;
  let unfinished = 0;
  let read = 0;
  let chunkStart = 0;

  const onFile = (entry: UnzipFile) => {
    if (problem) return;
    const path = entryPath(entry.name);
    if (!SUPPORTED_METHODS.has(entry.compression)) {
      // A skipped entry with an unknown method is left unread; a wanted one stops the import.
      if (path !== null) problem = { kind: 'method', entry: path, method: entry.compression };
      return;
    }
    const folder = entry.name.endsWith('/');
    const counted: EntryCount | ZipProblem = meter.startEntry(
      { compressed: entry.size, unpacked: entry.originalSize, folder },
      chunkStart,
    );
    if ('kind' in counted) {
      problem = counted;
      return;
    }
    const builder = path === null ? null : new FileBuilder();
    let finished = false;
    unfinished += 1;
    entry.ondata = (error, data, final) => {
      if (problem || finished) return;
      if (error) {
        finished = true;
        unfinished -= 1;
        // Junk that cannot be inflated is no reason to refuse the sessions next to it.
        if (builder) problem = { kind: 'damaged' };
        return;
      }
      const breach = data.length > 0 ? meter.add(counted, data.length, read) : null;
      if (breach) {
        problem = breach;
        return;
      }
      builder?.append(data as Uint8Array<ArrayBuffer>);
      if (final) {
        finished = true;
        unfinished -= 1;
        if (builder && path !== null) kept.set(path, { name: entry.name, builder });
      }
    };
    // Every entry is started, skipped ones too: fflate holds the packed bytes of an unstarted entry.
    entry.start();
  };
  const unzip = new Unzip(onFile);
  unzip.register(UnzipInflate);

  const reader = archive.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let at = 0; at < value.length && !problem; at += PUSH_BYTES) {
        const piece = value.subarray(at, at + PUSH_BYTES);
        chunkStart = read;
        read += piece.length;
        unzip.push(piece);
      }
      if (problem) break;
    }
    if (!problem) unzip.push(new Uint8Array(0), true);
  } catch {
    problem ??= { kind: 'damaged' };
  } finally {
    if (problem) void reader.cancel().catch(() => {});
  }
  if (problem) return refuse(problem);
  if (unfinished > 0) return refuse({ kind: 'damaged' });

  const paths = [...kept.keys()];
  const finalPaths = archivePaths(archive.name, paths);
  const files = paths.map((path, index) => {
    const { name, builder } = kept.get(path)!;
    const base = path.slice(path.lastIndexOf('/') + 1);
    return { path: finalPaths[index]!, file: builder.file(base, times.get(name) ?? archive.lastModified) };
  });
  return { ok: true, files };
}
