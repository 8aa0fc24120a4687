import { describe, expect, it } from 'vitest';
import { placeChunkLines } from '../../workers/provider/chunkSeam.ts';

describe('placeChunkLines()', () => {
  it('places a chunk’s lines on the recording’s clock, cut at the chunk’s end', () => {
    const placed = placeChunkLines({ start: 10, end: 20 }, [{ start: 1, end: 4, text: 'a' }, { start: 5, end: 12, text: 'b' }], 0);
    expect(placed).toEqual({ lines: [{ start: 11, end: 14, text: 'a' }, { start: 15, end: 20, text: 'b' }], heardUntil: 20 });
  });

  it('drops what the next chunk hears again in its overlap, and starts a straddling line where the last one ended', () => {
    // Windows [0, 30] and [29, 50], as speechChunks cuts a 50 s stretch.
    const first = placeChunkLines({ start: 0, end: 30 }, [{ start: 20, end: 29.5, text: 'the last words' }], 0);
    const second = placeChunkLines(
      { start: 29, end: 50 },
      [
        { start: 0, end: 0.5, text: 'the last words' },
        { start: 0.3, end: 4, text: 'the next words' },
      ],
      first.heardUntil,
    );
    expect(second.lines).toEqual([{ start: 29.5, end: 33, text: 'the next words' }]);
    const all = [...first.lines, ...second.lines];
    for (let i = 1; i < all.length; i++) expect(all[i]!.start).toBeGreaterThanOrEqual(all[i - 1]!.end);
  });

  it('drops a line that ends within 0.1 s of what was heard, and keeps the reach when it drops everything', () => {
    expect(placeChunkLines({ start: 29, end: 50 }, [{ start: 0, end: 1.05, text: 'again' }], 30)).toEqual({ lines: [], heardUntil: 30 });
  });

  it('moves timed words with their line, and drops the words of a straddling line that the chunk before heard', () => {
    const words = [
      { start: 0, end: 0.4, text: 'last' },
      { start: 0.4, end: 1.5, text: 'next' },
      { start: 1.5, end: 3, text: 'words' },
    ];
    const placed = placeChunkLines({ start: 29, end: 50 }, [{ start: 0, end: 3, text: 'last next words', words }], 29.5);
    expect(placed.lines).toEqual([
      {
        start: 29.5,
        end: 32,
        text: 'next words',
        words: [
          { start: 29.5, end: 30.5, text: 'next' },
          { start: 30.5, end: 32, text: 'words' },
        ],
      },
    ]);
  });

  it('drops a line said after the chunk’s audio ends (in the padding, so invented), keeping the lines before it', () => {
    const placed = placeChunkLines({ start: 10, end: 15.7 }, [{ start: 1, end: 3, text: 'heard' }, { start: 11.66, end: 12, text: 'invented' }], 0);
    expect(placed).toEqual({ lines: [{ start: 11, end: 13, text: 'heard' }], heardUntil: 13 });
  });
});
