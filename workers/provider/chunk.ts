/** A rough count that errs high for English text: about four characters per token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Tokens kept free in every request for the instructions and the model's answer. */
export const RESERVED_TOKENS = 1024;
/** Chunks never get smaller than this, however small the context the person set. */
const MIN_CHUNK_TOKENS = 256;

/**
 * Cuts `text` into chunks that fit the model's context with room for the prompt and the answer.
 * Breaks between lines where it can, inside a line only when one line alone is too long.
 */
export function chunkText(text: string, contextTokens: number): string[] {
  const maxChars = Math.max(MIN_CHUNK_TOKENS, contextTokens - RESERVED_TOKENS) * 4;
  const chunks: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim() !== '') chunks.push(current.trim());
    current = '';
  };
  for (const line of text.split('\n')) {
    for (let start = 0; start < Math.max(1, line.length); start += maxChars) {
      const piece = line.slice(start, start + maxChars);
      if (current.length + piece.length + 1 > maxChars) flush();
      current += `${piece}\n`;
    }
  }
  flush();
  return chunks;
}
