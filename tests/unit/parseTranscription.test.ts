import { describe, expect, it } from 'vitest';
import { collapseLoops, parseTranscription } from '../../workers/provider/parseTranscription.ts';

describe('parseTranscription()', () => {
  it('reads verbose_json segments and drops empty text', () => {
    const body = { text: 'x', segments: [{ start: 0.5, end: 2, text: ' Hello there. ' }, { start: 2, end: 3, text: '  ' }, { start: 3, end: 4, text: '...' }] };
    expect(parseTranscription(body, 5)).toEqual([{ start: 0.5, end: 2, text: 'Hello there.' }]);
  });

  it('drops a segment that repeats one just before it (a loop across segments)', () => {
    const segments = [
      { start: 0, end: 2, text: 'Send the report.' },
      { start: 2, end: 4, text: 'Thank you.' },
      { start: 4, end: 6, text: 'thank you' },
      { start: 6, end: 8, text: 'Thank you.' },
      { start: 8, end: 9, text: 'Send the report.' },
    ];
    expect(parseTranscription({ segments }, 9)?.map((s) => s.text)).toEqual(['Send the report.', 'Thank you.']);
  });

  it('collapses a phrase said three or more times in a row, keeps one said twice', () => {
    expect(collapseLoops('We ship it. We ship it. We ship it. We ship it. Then we rest.')).toBe('We ship it. Then we rest.');
    expect(collapseLoops('no no, that is fine')).toBe('no no, that is fine');
  });

  it('reads a plain { text } answer as one segment, and refuses anything else', () => {
    expect(parseTranscription({ text: 'All of it.' }, 4)).toEqual([{ start: 0, end: 4, text: 'All of it.' }]);
    expect(parseTranscription({ error: 'x' }, 4)).toBeNull();
    expect(parseTranscription('text', 4)).toBeNull();
  });
});
