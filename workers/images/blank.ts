/** Luminance (0..1) a cell may differ from the screen's median and still count as background. */
const BACKGROUND = 0.04;
/** Share of cells that may stand out on a blank screen: a spinner or a cursor. */
const SPECKS = 0.02;

/**
 * Whether a 32×32 luminance thumbnail (see gray.ts) is a blank or loading screen: nearly every
 * cell has the background's brightness. Such a screen starts no chapter of its own.
 */
export function isBlank(gray: Float32Array): boolean {
  if (gray.length === 0) return true;
  const median = [...gray].sort((a, b) => a - b)[gray.length >> 1] ?? 0;
  let standing = 0;
  for (const value of gray) if (Math.abs(value - median) > BACKGROUND) standing++;
  return standing <= SPECKS * gray.length;
}
