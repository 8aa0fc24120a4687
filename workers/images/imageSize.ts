/**
 * The largest screenshot, in pixels, that stages decode. A 50-megapixel RGBA bitmap is 200 MB;
 * a decoding bomb (a tiny file that claims 20000×20000) must be turned away before decoding.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** What an image's header says, read without decoding it. */
export interface ImageSize {
  format: 'png' | 'jpeg' | 'webp';
  width: number;
  height: number;
}

/** Bytes read first: enough for PNG and WebP, and for the SOF of most JPEGs. */
const HEAD_BYTES = 64 * 1024;

async function bytes(blob: Blob, start: number, end: number): Promise<DataView> {
  return new DataView(await blob.slice(start, end).arrayBuffer());
}

function ascii(view: DataView, offset: number, length: number): string {
  if (offset + length > view.byteLength) return '';
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(view.getUint8(offset + i));
  return text;
}

function png(view: DataView): ImageSize | null {
  // Signature (8 bytes), then the IHDR chunk: length, "IHDR", width, height (big-endian).
  if (view.byteLength < 24 || ascii(view, 12, 4) !== 'IHDR') return null;
  return { format: 'png', width: view.getUint32(16), height: view.getUint32(20) };
}

function webp(view: DataView): ImageSize | null {
  if (view.byteLength < 30) return null;
  switch (ascii(view, 12, 4)) {
    case 'VP8 ': {
      // Lossy: a 3-byte frame tag, the start code 9d 01 2a, then 14-bit width and height.
      if (view.getUint8(23) !== 0x9d || view.getUint8(24) !== 0x01 || view.getUint8(25) !== 0x2a) return null;
      return { format: 'webp', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
    }
    case 'VP8L': {
      // Lossless: signature 0x2f, then width − 1 and height − 1 in 14 bits each.
      if (view.getUint8(20) !== 0x2f) return null;
      const bits = view.getUint32(21, true);
      return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case 'VP8X': {
      // Extended: 4 bytes of flags, then canvas width − 1 and height − 1 in 24 bits each.
      const uint24 = (offset: number) => view.getUint16(offset, true) | (view.getUint8(offset + 2) << 16);
      return { format: 'webp', width: uint24(24) + 1, height: uint24(27) + 1 };
    }
    default:
      return null;
  }
}

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

async function jpeg(blob: Blob, head: DataView): Promise<ImageSize | null> {
  let offset = 2;
  // Walks the segments before the frame (APPn such as EXIF can be tens of KB), reading past the
  // first bytes only when they run out.
  while (offset + 9 <= blob.size) {
    const view = offset + 9 <= head.byteLength ? new DataView(head.buffer, offset, 9) : await bytes(blob, offset, offset + 9);
    if (view.getUint8(0) !== 0xff) return null;
    const marker = view.getUint8(1);
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    // Markers without a length: TEM, RSTn; SOS or EOI before a frame means there is none.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null;
    if (isStartOfFrame(marker)) return { format: 'jpeg', width: view.getUint16(7), height: view.getUint16(5) };
    offset += 2 + view.getUint16(2);
  }
  return null;
}

/**
 * Reads an image's width and height from its PNG, JPEG or WebP header, without decoding it:
 * reads the first bytes of the Blob (and, for a JPEG with big metadata, its segment headers).
 * @returns null when the Blob is none of these formats or its header is cut short.
 */
export async function imageSize(blob: Blob): Promise<ImageSize | null> {
  const head = await bytes(blob, 0, HEAD_BYTES);
  if (head.byteLength >= 8 && head.getUint32(0) === 0x89504e47 && head.getUint32(4) === 0x0d0a1a0a) return png(head);
  if (head.byteLength >= 3 && head.getUint16(0) === 0xffd8 && head.getUint8(2) === 0xff) return jpeg(blob, head);
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return webp(head);
  return null;
}

/** The message for a file whose first bytes are not those of an image (a text file named .png). */
export const notAnImage = (name: string) => `${name} is not a picture this app can read: it does not start as a PNG, JPEG or WebP file does.`;

/** The message for an image whose header reads but whose picture data does not decode (a file damaged mid-way). */
export const damagedImage = (name: string) => `${name} is damaged: its picture data could not be decoded.`;

/** Whether a screenshot may be decoded, or the plain message to put on it instead. */
export type ImageCheck =
  | { ok: true; size: ImageSize }
  | { ok: false; reason: 'unreadable' | 'too-large'; message: string };

/**
 * Checks a screenshot before decoding: its header must be readable and its size within
 * MAX_IMAGE_PIXELS. `name` is the file's name, for the message.
 */
export async function checkImage(blob: Blob, name: string): Promise<ImageCheck> {
  const size = await imageSize(blob);
  if (!size || size.width === 0 || size.height === 0) {
    return { ok: false, reason: 'unreadable', message: notAnImage(name) };
  }
  if (size.width * size.height > MAX_IMAGE_PIXELS) {
    const megapixels = Math.round(MAX_IMAGE_PIXELS / 1_000_000);
    return {
      ok: false,
      reason: 'too-large',
      message: `${name} is ${size.width}×${size.height} pixels; images over ${megapixels} megapixels are skipped.`,
    };
  }
  return { ok: true, size };
}
