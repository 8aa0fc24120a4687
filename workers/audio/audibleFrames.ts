/**
 * Frames quieter than this (RMS, full scale 1) hold no speech worth finding: -55 dBFS is under a
 * quiet room through a laptop microphone, while even soft speech sits 20–30 dB above it.
 */
export const AUDIBLE_RMS = 10 ** (-55 / 20);
/** Frames kept on each side of an audible one, so the voice model hears an onset's lead-in: 10 × 32 ms. */
export const AUDIBLE_PAD_FRAMES = 10;

/**
 * Which frames of `frame` samples are worth the voice model: those at or above `floorRms`, widened
 * by `pad` frames on each side. The rest is near-silence the model would only call quiet, at about
 * a millisecond of worker time per 32 ms frame. Pure.
 */
export function audibleFrames(samples: Float32Array, frame: number, floorRms = AUDIBLE_RMS, pad = AUDIBLE_PAD_FRAMES): Uint8Array {
  const frames = Math.ceil(samples.length / frame);
  const loud = new Uint8Array(frames);
  const floorEnergy = floorRms * floorRms * frame;
  for (let f = 0; f < frames; f++) {
    let energy = 0;
    const end = Math.min(samples.length, (f + 1) * frame);
    for (let i = f * frame; i < end; i++) energy += samples[i]! * samples[i]!;
    // A short last frame counts as if padded with silence, as the model sees it.
    if (energy >= floorEnergy) loud[f] = 1;
  }
  const keep = new Uint8Array(frames);
  for (let f = 0; f < frames; f++) {
    if (!loud[f]) continue;
    keep.fill(1, Math.max(0, f - pad), Math.min(frames, f + pad + 1));
  }
  return keep;
}
