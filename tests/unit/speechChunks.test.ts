import { describe, expect, it } from 'vitest';
import { speechChunks } from '../../workers/provider/speechChunks.ts';

describe('speechChunks()', () => {
  it('sends only the padded speech, neighbours joined across short pauses while they fit in 30 s', () => {
    const chunks = speechChunks([{ start: 1, end: 3 }, { start: 4, end: 7 }, { start: 12, end: 14 }, { start: 40, end: 42 }], 60);
    expect(chunks).toEqual([{ start: 0.75, end: 7.25 }, { start: 11.75, end: 14.25 }, { start: 39.75, end: 42.25 }]);
  });

  it('never makes a chunk longer than maxSec, and a long stretch is cut into overlapping windows', () => {
    const chunks = speechChunks([{ start: 0, end: 75 }], 80, { padSec: 0, overlapSec: 1 });
    expect(chunks).toEqual([{ start: 0, end: 30 }, { start: 29, end: 59 }, { start: 58, end: 75 }]);
    for (const chunk of speechChunks([{ start: 2, end: 20 }, { start: 21, end: 50 }, { start: 51, end: 53 }], 60)) {
      expect(chunk.end - chunk.start).toBeLessThanOrEqual(30);
    }
  });

  it('keeps padding inside the recording and ignores empty segments', () => {
    expect(speechChunks([{ start: 0.1, end: 9.9 }, { start: 5, end: 5 }], 10)).toEqual([{ start: 0, end: 10 }]);
    expect(speechChunks([], 10)).toEqual([]);
  });
});
