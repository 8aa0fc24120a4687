import { scanUtf8 } from './utf8Scan.ts';

/** How a text file's bytes were read, which decides the note on the session. */
export type TextEncodingRead =
  | { as: 'unicode' }
  /** Mostly UTF-8: the bytes that are not were shown as U+FFFD. */
  | { as: 'utf-8-with-bad-bytes'; badBytes: number }
  /** Not UTF-8 (nor UTF-16 with a byte order mark). */
  | { as: 'windows-1252' };

/** The text of a file people wrote, and how its bytes were read. */
export interface DecodedText {
  text: string;
  read: TextEncodingRead;
}

/**
 * Decodes a notes or transcript file: UTF-16 when it starts with a byte order mark, else UTF-8
 * (its own mark dropped). Bytes that are not all UTF-8 are read by a rule:
 * - mostly UTF-8, when its well-formed multi-byte sequences outnumber the bytes that are not UTF-8
 *   (a paste from elsewhere, a byte flipped): UTF-8, the bad bytes shown as U+FFFD. Read as
 *   Windows-1252 each of its accented letters, two bytes in UTF-8, would become two ("cafÃ©").
 * - else Windows-1252, which subtitle tools and older editors on Windows still write: read as
 *   UTF-8 its accented letters would all become U+FFFD. Its accented letters are single bytes that
 *   start no UTF-8 sequence; two that happen to form one are rare. A tie goes to Windows-1252,
 *   which reads every byte as some letter.
 * `cut` says the bytes stop where a limit cut the file, maybe inside a UTF-8 character, which is
 * then left out.
 */
export function decodeTextFile(bytes: Uint8Array, { cut = false } = {}): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), read: { as: 'unicode' } };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), read: { as: 'unicode' } };
  // `stream` keeps a character cut short at the end pending instead of calling it an error.
  const utf8 = (fatal: boolean) => new TextDecoder('utf-8', { fatal }).decode(bytes, { stream: cut });
  try {
    return { text: utf8(true), read: { as: 'unicode' } };
  } catch {
    const { multiByte, badBytes } = scanUtf8(bytes, { cut });
    if (multiByte > badBytes) return { text: utf8(false), read: { as: 'utf-8-with-bad-bytes', badBytes } };
    return { text: new TextDecoder('windows-1252').decode(bytes), read: { as: 'windows-1252' } };
  }
}

/** The note on the session about how file `name` was read, or null when there is nothing to say. */
export function encodingNote(name: string, read: TextEncodingRead): string | null {
  switch (read.as) {
    case 'unicode':
      return null;
    case 'utf-8-with-bad-bytes': {
      const bytes = read.badBytes === 1 ? '1 byte' : `${read.badBytes.toLocaleString('en')} bytes`;
      return `${name} is UTF-8 text with ${bytes} that could not be read, shown as \uFFFD.`;
    }
    case 'windows-1252':
      return `${name} is not UTF-8 text, so it was read as Western European (Windows-1252) text.`;
  }
}
