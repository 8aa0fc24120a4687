import { describe, expect, test } from 'vitest';
import { findSensitiveInWords, type OcrWord } from '../../workers/privacy/words.ts';

/** Words laid out as tesseract returns them: 10 px per character, 12 px between words, 30 px per line. */
function layout(lines: string[]): OcrWord[] {
  return lines.flatMap((line, row) => {
    let x = 20;
    return line.split(' ').map((text) => {
      const bbox = { x0: x, y0: 40 + row * 30 + (text.length % 3), x1: x + text.length * 10, y1: 60 + row * 30 - (text.length % 2) };
      x = bbox.x1 + 12;
      return { text, bbox };
    });
  });
}

describe('findSensitiveInWords', () => {
  test('maps a card number read as four words to the union box of those words', () => {
    const words = layout(['Billing', 'Card 4242 4242 4242 4242 exp 12/27']);
    const [finding, ...rest] = findSensitiveInWords(words);
    expect(rest).toEqual([]);
    expect(finding?.kind).toBe('card');
    expect(finding?.words).toEqual([2, 3, 4, 5]);
    const boxes = [2, 3, 4, 5].map((i) => words[i]!.bbox);
    expect(finding?.bbox).toEqual({
      x0: boxes[0]!.x0,
      y0: Math.min(...boxes.map((b) => b.y0)),
      x1: boxes[3]!.x1,
      y1: Math.max(...boxes.map((b) => b.y1)),
    });
  });

  test('joins words into lines by their boxes, whatever order they come in', () => {
    const words = layout(['From: jane@example.com', 'Phone: +44 20 7946 0958']).reverse();
    const found = findSensitiveInWords(words).map((f) => [f.kind, f.words.map((i) => words[i]!.text).join(' ')]);
    expect(found).toEqual([
      ['email', 'jane@example.com'],
      ['phone', '+44 20 7946 0958'],
    ]);
  });

  test('boxes a whole word when the value is only part of it', () => {
    const words = layout(['export AWS_ACCESS_KEY_ID=AKIAZ7Q4W2LMNXR5TB3K']);
    const [finding] = findSensitiveInWords(words);
    expect(finding?.kind).toBe('aws-key');
    expect(finding?.bbox).toEqual(words[1]!.bbox);
  });

  test('a private key spans its lines: one finding, one box over all of them', () => {
    const words = layout(['$ cat id_rsa', '-----BEGIN RSA PRIVATE KEY-----', 'MIIEpAIBAAKCAQEA7Zq9x3v2WAbCdEf0123', '-----END RSA PRIVATE KEY-----', '$']);
    const found = findSensitiveInWords(words);
    expect(found.map((f) => f.kind)).toEqual(['private-key']);
    const keyWords = words.slice(3, 3 + 4 + 1 + 4);
    expect(found[0]?.words).toHaveLength(keyWords.length);
    expect(found[0]?.bbox.y0).toBe(Math.min(...keyWords.map((w) => w.bbox.y0)));
    expect(found[0]?.bbox.y1).toBe(Math.max(...keyWords.map((w) => w.bbox.y1)));
  });

  test('words on different lines are not joined into one value', () => {
    // "4242 4242" at the end of one line and "4242 4242" starting the next are two numbers.
    const words = layout(['Order 4242 4242', '4242 4242 shipped']);
    expect(findSensitiveInWords(words)).toEqual([]);
  });

  test('no words, no findings', () => {
    expect(findSensitiveInWords([])).toEqual([]);
  });
});
