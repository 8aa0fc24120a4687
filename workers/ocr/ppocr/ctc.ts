/** A character of a CTC reading and the time step (column of the line picture / 8) it peaked at. */
export interface CtcChar {
  char: string;
  step: number;
  /** Its probability, 0..1. */
  probability: number;
}

/**
 * Greedy CTC decoding of a recogniser's output for one line: `steps` rows of `classes`
 * probabilities. Class 0 is the blank; class i ≥ 1 is `dictionary[i - 1]` (PaddleOCR's layout,
 * with a space appended to its keys file as the last class). A class repeated on consecutive steps
 * is one character; a blank between two equal classes separates them.
 */
export function decodeCtc(output: Float32Array, steps: number, classes: number, dictionary: readonly string[]): CtcChar[] {
  const chars: CtcChar[] = [];
  let previous = 0;
  for (let t = 0; t < steps; t++) {
    const row = t * classes;
    let best = 0;
    let max = output[row]!;
    for (let c = 1; c < classes; c++) {
      const v = output[row + c]!;
      if (v > max) {
        max = v;
        best = c;
      }
    }
    if (best !== 0 && best !== previous) chars.push({ char: dictionary[best - 1] ?? '', step: t, probability: max });
    previous = best;
  }
  return chars;
}
