import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../workers/provider/chatClient.ts';
import { chunkText, RESERVED_TOKENS } from '../../workers/provider/chunk.ts';
import { parseAnswer } from '../../workers/provider/parseAnswer.ts';
import { chatCompletionsUrl, maskKey, providerOrigin } from '../../src/shared/provider.ts';

describe('provider text helpers', () => {
  it('chunkText() - breaks between lines, each chunk within the budget, nothing lost', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i} ${'x'.repeat(40)}`);
    const chunks = chunkText(lines.join('\n'), RESERVED_TOKENS + 256);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(1024);
    expect(chunks.join('\n').split('\n')).toEqual(lines);
  });

  it('chunkText() - cuts one over-long line', () => {
    const chunks = chunkText('y'.repeat(2500), RESERVED_TOKENS + 256);
    expect(chunks.map((c) => c.length)).toEqual([1024, 1024, 452]);
  });

  it('parseAnswer() - JSON, fenced JSON and prose', () => {
    expect(parseAnswer('{"summary":" S ","action_items":["a"," ",3]}')).toEqual({ summary: 'S', actionItems: ['a'] });
    expect(parseAnswer('```json\n{"summary":"S","actionItems":["b"]}\n```')).toEqual({ summary: 'S', actionItems: ['b'] });
    expect(parseAnswer('We met.\n\n- Ship it\n* Test it')).toEqual({ summary: 'We met.', actionItems: ['Ship it', 'Test it'] });
  });

  it('retryAfterMs() - seconds, an HTTP date, or nothing', () => {
    expect(retryAfterMs('3', 0)).toBe(3000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(retryAfterMs(null, 0)).toBeNull();
    expect(retryAfterMs('soon', 0)).toBeNull();
  });

  it('maskKey(), providerOrigin(), chatCompletionsUrl()', () => {
    expect(maskKey('sk-abcdefghijklmnopf3a9')).toBe('sk-…f3a9');
    expect(maskKey('short-key1')).toBe('…key1');
    expect(providerOrigin('http://127.0.0.1:11434/v1')).toBe('http://127.0.0.1:11434');
    expect(providerOrigin('file:///etc')).toBeNull();
    expect(chatCompletionsUrl('http://h:1/v1/')).toBe('http://h:1/v1/chat/completions');
    expect(chatCompletionsUrl('http://h:1/run/x')).toBe('http://h:1/run/x/v1/chat/completions');
  });
});
