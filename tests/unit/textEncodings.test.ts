import { describe, expect, test } from 'vitest';
import { buildSession } from '../../src/import/buildSession.ts';
import type { TranscriptResult } from '../../src/shared/results.ts';
import type { MediaRef } from '../../src/shared/session.ts';
import { transcriptStage } from '../../workers/stages/transcript.ts';
import { bareSession, stageContext } from '../fixtures/stageContext.ts';

/** Text as Windows-1252 (Latin-1 for these letters): one byte a character. */
const latin1 = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
/** Text as UTF-16, little-endian, after its byte order mark: what Windows Notepad saves as "Unicode". */
const utf16le = (text: string) => Uint8Array.from([0xff, 0xfe, ...[...text].flatMap((char) => [char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8])]);

async function transcriptOf(name: string, bytes: Uint8Array<ArrayBuffer>): Promise<TranscriptResult> {
  const ref: MediaRef = { id: 't1', name, kind: 'transcript', type: '', size: bytes.length, at: null };
  const session = bareSession({ id: 'ses-1', title: 'Réunion', startedAt: Date.UTC(2026, 10, 20, 9), transcript: ref });
  return (await transcriptStage(stageContext(session, { readMedia: async () => new Blob([bytes]) }))) as TranscriptResult;
}

async function notesOf(bytes: Uint8Array<ArrayBuffer>): Promise<{ notes: string; warnings: string[] }> {
  const files = new Map([['s/notes.md', new File([bytes], 'notes.md')]]);
  const { session } = await buildSession({ folder: 's', paths: ['s/notes.md'] }, files, 0);
  return { notes: session.notes, warnings: session.warnings };
}

/**
 * Subtitle tools and older editors on Windows save SRT and notes as Windows-1252, not UTF-8. Read
 * as UTF-8 every accented letter became U+FFFD ("caf�"), silently: the words were lost to the
 * summary and to search. Such a file is read as Windows-1252, with a note saying so.
 */
describe('transcripts and notes that are not UTF-8', () => {
  test('an SRT saved as Windows-1252 keeps its accented letters and says how it was read', async () => {
    const result = await transcriptOf('réunion.srt', latin1('1\r\n00:00:01,000 --> 00:00:03,000\r\nLe café est fermé à midi.\r\n'));
    expect(result.cues.map((cue) => cue.text)).toEqual(['Le café est fermé à midi.']);
    expect(result.warnings).toEqual(['réunion.srt is not UTF-8 text, so it was read as Western European (Windows-1252) text.']);
  });

  test('a UTF-16 WebVTT file with a byte order mark is read as it is, with no note', async () => {
    const result = await transcriptOf('call.vtt', utf16le('WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nNaïve approach rejected.\n'));
    expect(result.cues.map((cue) => cue.text)).toEqual(['Naïve approach rejected.']);
    expect(result.warnings).toEqual([]);
  });

  test('UTF-8 transcripts, with or without a byte order mark, get no note', async () => {
    const utf8 = new TextEncoder().encode('\uFEFFWEBVTT\n\n00:00:01.000 --> 00:00:03.000\nLe café.\n');
    const result = await transcriptOf('call.vtt', utf8);
    expect(result.cues.map((cue) => cue.text)).toEqual(['Le café.']);
    expect(result.warnings).toEqual([]);
  });

  test('notes saved as Windows-1252 keep their accented letters and say how they were read', async () => {
    const { notes, warnings } = await notesOf(latin1('Réunion : le café, à midi.\n'));
    expect(notes).toBe('Réunion : le café, à midi.\n');
    expect(warnings).toEqual(['notes.md is not UTF-8 text, so it was read as Western European (Windows-1252) text.']);
  });

  test('UTF-8 notes cut at 1 MB in the middle of a letter lose that letter, not their encoding', async () => {
    const { notes, warnings } = await notesOf(new TextEncoder().encode(`a${'é'.repeat(600_000)}`));
    // 1 MB is the "a" and 524,287 whole "é", then the first byte of the next one.
    expect(notes).toBe(`a${'é'.repeat(524_287)}`);
    expect(warnings).toEqual(['notes.md is larger than 1 MB; only its first megabyte was kept.']);
  });
});

/** UTF-8 with `bad` bytes put in where `\u0000` stands in `text` (each one byte that no UTF-8 character starts with). */
const utf8With = (text: string, bad = 0xff) => Uint8Array.from([...new TextEncoder().encode(text)].map((byte) => (byte === 0 ? bad : byte)));

/**
 * A UTF-8 file with a few bad bytes (a paste from elsewhere, a byte flipped) was read whole as
 * Windows-1252, and each of its accented letters, two bytes in UTF-8, became two ("cafÃ©"). The rule
 * (src/shared/textFile.ts): a file whose valid UTF-8 multi-byte sequences outnumber its bad bytes is
 * UTF-8, the bad bytes shown as U+FFFD and counted in a note; else it is Windows-1252.
 */
describe('UTF-8 transcripts and notes with a few bad bytes', () => {
  test('a UTF-8 SRT with one bad byte keeps its accented letters; the byte shows as U+FFFD and a note counts it', async () => {
    const result = await transcriptOf('réunion.srt', utf8With('1\r\n00:00:01,000 --> 00:00:03,000\r\nLe café est fermé\u0000 à midi.\r\n'));
    expect(result.cues.map((cue) => cue.text)).toEqual(['Le café est fermé\uFFFD à midi.']);
    expect(result.warnings).toEqual(['réunion.srt is UTF-8 text with 1 byte that could not be read, shown as \uFFFD.']);
  });

  test('UTF-8 notes with three bad bytes keep their accented letters, and the note counts the three', async () => {
    // Four accented letters, two bytes each in UTF-8, outnumber the three bad bytes.
    const { notes, warnings } = await notesOf(utf8With('Réunion : le café\u0000\u0000 est fermé, à midi\u0000.\n', 0x92));
    expect(notes).toBe('Réunion : le café\uFFFD\uFFFD est fermé, à midi\uFFFD.\n');
    expect(warnings).toEqual(['notes.md is UTF-8 text with 3 bytes that could not be read, shown as \uFFFD.']);
  });

  test('Windows-1252 notes in which two letters happen to form a UTF-8 sequence stay Windows-1252', async () => {
    // "Ã©" is C3 A9 in Windows-1252, a valid UTF-8 "é"; the other four accented letters are not UTF-8.
    const { notes, warnings } = await notesOf(latin1('Le thé, la crème, à midi: Ã© est du café mal lu.\n'));
    expect(notes).toBe('Le thé, la crème, à midi: Ã© est du café mal lu.\n');
    expect(warnings).toEqual(['notes.md is not UTF-8 text, so it was read as Western European (Windows-1252) text.']);
  });

  test('as many bad bytes as UTF-8 letters: read as Windows-1252, which loses no byte', async () => {
    const { notes, warnings } = await notesOf(utf8With('café\u0000'));
    expect(notes).toBe('cafÃ©ÿ');
    expect(warnings).toEqual(['notes.md is not UTF-8 text, so it was read as Western European (Windows-1252) text.']);
  });

  test('UTF-8 notes with a bad byte, cut at 1 MB in the middle of a letter: the cut letter is left out, not counted as unreadable', async () => {
    const { notes, warnings } = await notesOf(utf8With(`a\u0000${'é'.repeat(600_000)}`));
    // 1 MB is "a", the bad byte, 524,287 whole "é" and half of the next one.
    expect(notes).toBe(`a\uFFFD${'é'.repeat(524_287)}`);
    expect(warnings).toEqual(['notes.md is larger than 1 MB; only its first megabyte was kept.', 'notes.md is UTF-8 text with 1 byte that could not be read, shown as \uFFFD.']);
  });
});
