import type { SpeechSegment } from '../../src/shared/results.ts';
import { integer, uniform } from './random.ts';
import type { Random } from './random.ts';

/** Sample rate of the generated recordings. */
export const VOICE_RATE = 16_000;

/** RMS of the noise floor: about -60 dBFS, a quiet room through a laptop microphone. */
const NOISE_RMS = 0.001;
/** Raised-cosine fade at each edge of a burst, so it starts and stops without a click. */
const FADE_SEC = 0.015;

/** When the bursts of a recording fall and how long it lasts. */
export interface SpeechPlan {
  durationSec: number;
  bursts: SpeechSegment[];
}

/**
 * Picks 4–8 bursts of 0.8–4 s separated by 0.7–3 s pauses, in a recording of 20–40 s.
 * Times are rounded to milliseconds so that expectations print cleanly.
 */
export function planSpeech(random: Random): SpeechPlan {
  const ms = (sec: number) => Math.round(sec * 1000) / 1000;
  for (;;) {
    const count = integer(random, 4, 8);
    const bursts: SpeechSegment[] = [];
    let t = ms(uniform(random, 0.5, 1.5));
    for (let i = 0; i < count; i++) {
      if (i > 0) t = ms(t + uniform(random, 0.7, 3));
      const end = ms(t + uniform(random, 0.8, 4));
      bursts.push({ start: t, end });
      t = end;
    }
    const tail = uniform(random, 0.7, 2);
    // A plan too long for 40 s is drawn again: the sequence stays a function of the seed.
    if (t + tail <= 40) return { durationSec: ms(Math.max(20, t + tail)), bursts };
  }
}

/** Adds one speech-like burst: a gliding harmonic tone, amplitude-modulated at syllable rate. */
function addBurst(out: Float32Array, burst: SpeechSegment, random: Random): void {
  const f0 = uniform(random, 100, 250);
  const glide = uniform(random, -0.15, 0.15);
  const syllableHz = uniform(random, 3.5, 4.5);
  const syllablePhase = random() * Math.PI;
  const peak = uniform(random, 0.15, 0.35);
  const harmonics = [1, 0.6, 0.4, 0.25, 0.15];
  const norm = peak / harmonics.reduce((a, b) => a + b, 0);
  const from = Math.round(burst.start * VOICE_RATE);
  const to = Math.min(out.length, Math.round(burst.end * VOICE_RATE));
  const length = to - from;
  const fade = Math.round(FADE_SEC * VOICE_RATE);
  let phase = 0;
  for (let i = 0; i < length; i++) {
    const t = i / VOICE_RATE;
    // Pitch drifts across the burst, as intonation does.
    phase += (2 * Math.PI * f0 * (1 + (glide * i) / length)) / VOICE_RATE;
    let tone = 0;
    for (const [k, a] of harmonics.entries()) tone += a * Math.sin((k + 1) * phase);
    const syllable = Math.sin(Math.PI * syllableHz * t + syllablePhase);
    const envelope = 0.15 + 0.85 * syllable * syllable;
    const edge = Math.min(1, i / fade, (length - 1 - i) / fade);
    const ramp = 0.5 - 0.5 * Math.cos(Math.PI * Math.max(0, edge));
    out[from + i] = (out[from + i] ?? 0) + norm * envelope * ramp * tone;
  }
}

/** Renders a plan: low white noise everywhere, plus each burst. Mono, {@link VOICE_RATE}. */
export function renderSpeech(plan: SpeechPlan, random: Random): Float32Array {
  const out = new Float32Array(Math.round(plan.durationSec * VOICE_RATE));
  // Uniform noise in [-a, a] has an RMS of a / √3.
  const amplitude = NOISE_RMS * Math.sqrt(3);
  for (let i = 0; i < out.length; i++) out[i] = amplitude * (2 * random() - 1);
  for (const burst of plan.bursts) addBurst(out, burst, random);
  return out;
}
