/** The text of a file people wrote, and whether it had to be read as Windows-1252. */
export interface DecodedText {
  text: string;
  /** The bytes were not UTF-8 (nor UTF-16 with a byte order mark), so they were read as Windows-1252. */
  windows1252: boolean;
}

/**
 * Decodes a notes or transcript file: UTF-16 when it starts with a byte order mark, else UTF-8
 * (its own mark dropped), else Windows-1252, which subtitle tools and older editors on Windows
 * still write: read as UTF-8 its accented letters would all become U+FFFD. `cut` says the bytes
 * stop where a limit cut the file, maybe inside a UTF-8 character, which is then left out.
 */
export function decodeTextFile(bytes: Uint8Array, { cut = false } = {}): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), windows1252: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), windows1252: false };
  try {
    // `stream` keeps a character cut short at the end pending instead of calling it an error.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: cut }), windows1252: false };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), windows1252: true };
  }
}

/** The note on a file read as Windows-1252. */
export const readAsWindows1252 = (name: string) => `${name} is not UTF-8 text, so it was read as Western European (Windows-1252) text.`;
