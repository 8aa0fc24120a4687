/** Side of the luminance square the hash is computed from. */
const N = 32;
/** Side of the block of low frequencies kept: 8 × 8 = 64 bits. */
const K = 8;

/** cos((2x + 1) · u · π / 2N) for u = 0..K-1 (row u) and x = 0..N-1. */
const COS = (() => {
  const table = new Float64Array(K * N);
  for (let u = 0; u < K; u++) {
    for (let x = 0; x < N; x++) table[u * N + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * N));
  }
  return table;
})();

/**
 * 64-bit perceptual hash of a 32×32 luminance image (row-major, any scale).
 *
 * Takes the 2-D DCT-II and keeps the top-left 8×8 block of frequencies 0..7 on both axes. The
 * first row and column stay in: they carry the horizontal and vertical bands (title bar,
 * sidebar) that make up most of a screen's layout. The median is taken over the 63 terms
 * without DC, so overall brightness cannot move it; the DC bit is therefore set for any image
 * that is not black. Bit i (most significant first, row-major with the vertical frequency
 * major) is set when coefficient i is above that median.
 * @returns 16 lowercase hex digits.
 */
export function phash64(gray: Float32Array): string {
  if (gray.length !== N * N) {
    throw new TypeError(`Expected ${N * N} luminance values (${N}×${N}), got ${gray.length}`);
  }
  // Separable DCT: rows first (N rows × K frequencies), then columns for the K × K block.
  const rows = new Float64Array(N * K);
  for (let y = 0; y < N; y++) {
    for (let u = 0; u < K; u++) {
      let sum = 0;
      for (let x = 0; x < N; x++) sum += (gray[y * N + x] ?? 0) * (COS[u * N + x] ?? 0);
      rows[y * K + u] = sum;
    }
  }
  const block = new Float64Array(K * K);
  for (let v = 0; v < K; v++) {
    for (let u = 0; u < K; u++) {
      let sum = 0;
      for (let y = 0; y < N; y++) sum += (rows[y * K + u] ?? 0) * (COS[v * N + y] ?? 0);
      block[v * K + u] = sum;
    }
  }
  const sorted = block.slice(1).sort();
  const median = sorted[31] ?? 0;
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let value = 0;
    for (let bit = 0; bit < 4; bit++) {
      value = (value << 1) | ((block[nibble * 4 + bit] ?? 0) > median ? 1 : 0);
    }
    hex += value.toString(16);
  }
  return hex;
}

const BITS_IN_NIBBLE = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/** Number of differing bits between two hex strings of the same length. */
export function hammingHex(a: string, b: string): number {
  if (a.length !== b.length) {
    throw new TypeError(`Expected hashes of the same length, got ${a.length} and ${b.length}`);
  }
  let distance = 0;
  for (let i = 0; i < a.length; i++) {
    const x = Number.parseInt(a.charAt(i), 16);
    const y = Number.parseInt(b.charAt(i), 16);
    if (Number.isNaN(x) || Number.isNaN(y)) {
      throw new TypeError(`Expected hex digits, got \`${a.charAt(i)}\` and \`${b.charAt(i)}\``);
    }
    distance += BITS_IN_NIBBLE[x ^ y] ?? 0;
  }
  return distance;
}

/**
 * Splits a sequence of screenshot hashes into chapters: a chapter starts wherever the distance
 * to the previous screenshot is at least `threshold` bits. Indexes are inclusive.
 */
export function splitChapters(
  hashes: string[],
  threshold = 12,
): Array<{ firstScreen: number; lastScreen: number }> {
  const chapters: Array<{ firstScreen: number; lastScreen: number }> = [];
  for (const [i, hash] of hashes.entries()) {
    const previous = hashes[i - 1];
    const current = chapters.at(-1);
    if (current && previous !== undefined && hammingHex(previous, hash) < threshold) {
      current.lastScreen = i;
    } else {
      chapters.push({ firstScreen: i, lastScreen: i });
    }
  }
  return chapters;
}
