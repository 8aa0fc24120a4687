import { strFromU8 } from 'fflate';

/** One file or folder as the archive's central directory lists it. */
export interface CentralEntry {
  /** Decoded as fflate decodes it (UTF-8 when flagged, else Latin-1), so names match its stream. */
  name: string;
  directory: boolean;
  encrypted: boolean;
  /** 0 stored, 8 deflate; anything else cannot be read here. */
  method: number;
  compressedSize: number;
  size: number;
  /** Epoch milliseconds of the file's modification, or null when the archive does not say. */
  modified: number | null;
}

const END_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_END_SIGNATURE = 0x06064b50;
const ENTRY_SIGNATURE = 0x02014b50;
const END_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** A central directory larger than this is not read (times are then unknown; the limits still hold). */
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

interface EndRecord {
  entries: number;
  size: number;
  offset: number;
  /** Where the end record starts in the archive. */
  at: number;
}

const u16 = (b: Uint8Array, i: number) => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, i: number) => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 2 ** 32;

async function bytesOf(blob: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

/** Finds the end-of-central-directory record in the last bytes of an archive; `tailStart` is their offset. */
export function findEndRecord(tail: Uint8Array, tailStart: number): EndRecord | null {
  for (let i = tail.length - END_SIZE; i >= 0; i--) {
    if (u32(tail, i) !== END_SIGNATURE) continue;
    if (i + END_SIZE + u16(tail, i + 20) > tail.length) continue;
    return { entries: u16(tail, i + 10), size: u32(tail, i + 12), offset: u32(tail, i + 16), at: tailStart + i };
  }
  return null;
}

function modifiedTime(date: number, time: number): number | null {
  if (date === 0) return null;
  const day = date & 31;
  const month = (date >> 5) & 15;
  if (day === 0 || month === 0 || month > 12) return null;
  // DOS times carry no zone: they are the local time of whoever zipped, read here as local time.
  return new Date(1980 + (date >> 9), month - 1, day, time >> 11, (time >> 5) & 63, (time & 31) * 2).getTime();
}

/** Parses `count` central directory records. Stops at the first record that is not one. */
export function parseCentralDirectory(bytes: Uint8Array, count: number): CentralEntry[] {
  const entries: CentralEntry[] = [];
  let i = 0;
  while (entries.length < count && i + 46 <= bytes.length && u32(bytes, i) === ENTRY_SIGNATURE) {
    const flags = u16(bytes, i + 8);
    const nameLength = u16(bytes, i + 28);
    const extraLength = u16(bytes, i + 30);
    const commentLength = u16(bytes, i + 32);
    const name = strFromU8(bytes.subarray(i + 46, i + 46 + nameLength), !(flags & 0x800));
    let compressedSize = u32(bytes, i + 20);
    let size = u32(bytes, i + 24);
    let modified = modifiedTime(u16(bytes, i + 14), u16(bytes, i + 12));
    let x = i + 46 + nameLength;
    const extraEnd = x + extraLength;
    while (x + 4 <= extraEnd) {
      const id = u16(bytes, x);
      const length = u16(bytes, x + 2);
      const data = x + 4;
      if (id === 0x0001) {
        // Zip64 sizes, present only for the fields that overflowed, in this order.
        let at = data;
        if (size === 0xffffffff) {
          size = u64(bytes, at);
          at += 8;
        }
        if (compressedSize === 0xffffffff) compressedSize = u64(bytes, at);
      } else if (id === 0x5455 && length >= 5 && (bytes[data] ?? 0) & 1) {
        // The extended timestamp is in UTC, so it beats the zoneless DOS time.
        modified = u32(bytes, data + 1) * 1000;
      }
      x = data + length;
    }
    entries.push({
      name,
      directory: name.endsWith('/'),
      encrypted: (flags & 1) === 1,
      method: u16(bytes, i + 10),
      compressedSize,
      size,
      modified,
    });
    i = extraEnd + commentLength;
  }
  return entries;
}

async function zip64End(archive: Blob, end: EndRecord): Promise<EndRecord | null> {
  if (end.at < 20) return null;
  const locator = await bytesOf(archive, end.at - 20, end.at);
  if (u32(locator, 0) !== ZIP64_LOCATOR_SIGNATURE) return null;
  const at = u64(locator, 8);
  const record = await bytesOf(archive, at, at + 56);
  if (u32(record, 0) !== ZIP64_END_SIGNATURE) return null;
  return { entries: u64(record, 32), size: u64(record, 40), offset: u64(record, 48), at: end.at };
}

/**
 * Reads the central directory at the end of an archive: names, sizes, flags and times of its
 * entries before anything is inflated. Null when there is none to read (not a zip, or cut short).
 */
export async function readCentralDirectory(archive: Blob): Promise<CentralEntry[] | null> {
  const tailStart = Math.max(0, archive.size - END_SIZE - MAX_COMMENT);
  let end = findEndRecord(await bytesOf(archive, tailStart, archive.size), tailStart);
  if (!end) return null;
  if (end.entries === 0xffff || end.size === 0xffffffff || end.offset === 0xffffffff) {
    end = await zip64End(archive, end);
    if (!end) return null;
  }
  if (end.size > MAX_DIRECTORY_BYTES) return null;
  let bytes = await bytesOf(archive, end.offset, end.offset + end.size);
  if (end.entries > 0 && u32(bytes, 0) !== ENTRY_SIGNATURE) {
    // Data before the archive (a self-extractor) shifts every offset: the directory ends where the end record starts.
    bytes = await bytesOf(archive, end.at - end.size, end.at);
  }
  return parseCentralDirectory(bytes, end.entries);
}
