/**
 * Mono samples at `fromRate` brought to `toRate`: each output sample averages the input samples
 * it covers when going down (a box filter, enough to keep aliasing out of a voice detector), and
 * interpolates linearly when going up. The same array when the rates already match.
 */
export function resample(samples: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (fromRate === toRate) return samples;
  const ratio = fromRate / toRate;
  const out = new Float32Array(Math.floor(samples.length / ratio));
  if (ratio > 1) {
    for (let i = 0; i < out.length; i++) {
      const from = Math.floor(i * ratio);
      const to = Math.min(samples.length, Math.max(from + 1, Math.floor((i + 1) * ratio)));
      let sum = 0;
      for (let j = from; j < to; j++) sum += samples[j]!;
      out[i] = sum / (to - from);
    }
  } else {
    for (let i = 0; i < out.length; i++) {
      const at = i * ratio;
      const j = Math.floor(at);
      const next = samples[Math.min(samples.length - 1, j + 1)]!;
      out[i] = samples[j]! + (next - samples[j]!) * (at - j);
    }
  }
  return out;
}
