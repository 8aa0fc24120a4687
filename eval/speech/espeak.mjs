// Spoken sentences made with espeak-ng (Debian: apt-get install -y espeak-ng), laid out with seeded
// pauses on one 16 kHz mono track. Shared by eval/speech/build.mjs and tests/fixtures/speech/make.mjs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RATE = 16_000;

/** mulberry32, as workers/samples/random.ts: the same seed lays out the same scene. */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 16-bit mono PCM of a WAV file espeak-ng wrote, as floats, with its rate. */
function readWav16(buffer) {
  let offset = 12;
  let rate = 0;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('latin1', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    if (id === 'fmt ') rate = buffer.readUInt32LE(offset + 12);
    if (id === 'data') {
      const count = Math.floor(Math.min(size, buffer.length - offset - 8) / 2);
      const samples = new Float32Array(count);
      for (let i = 0; i < count; i++) samples[i] = buffer.readInt16LE(offset + 8 + i * 2) / 32768;
      return { rate, samples };
    }
    offset += 8 + size + (size & 1);
  }
  throw new Error('espeak-ng wrote no data chunk');
}

/** Down to 16 kHz: each output sample averages the input samples it covers (espeak-ng speaks at 22.05 kHz). */
function to16k(samples, rate) {
  const ratio = rate / RATE;
  const out = new Float32Array(Math.floor(samples.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const from = Math.floor(i * ratio);
    const to = Math.max(from + 1, Math.floor((i + 1) * ratio));
    let sum = 0;
    for (let j = from; j < to; j++) sum += samples[j];
    out[i] = sum / (to - from);
  }
  return out;
}

/** The sentence without espeak-ng's leading and trailing silence: from the first to the last 10 ms frame above -40 dBFS peak. */
function trim(samples) {
  const frame = RATE / 100;
  const loud = (f) => {
    for (let i = f * frame; i < Math.min(samples.length, (f + 1) * frame); i++) if (Math.abs(samples[i]) > 0.01) return true;
    return false;
  };
  const frames = Math.ceil(samples.length / frame);
  let first = 0;
  while (first < frames && !loud(first)) first++;
  let last = frames - 1;
  while (last > first && !loud(last)) last--;
  return samples.slice(first * frame, Math.min(samples.length, (last + 1) * frame));
}

/** One sentence spoken by espeak-ng (en-us, 160 words a minute), at 16 kHz, trimmed. Deterministic. */
export function speak(text, voice = 'en-us') {
  const dir = mkdtempSync(join(tmpdir(), 'espeak-'));
  try {
    const file = join(dir, 'say.wav');
    execFileSync('espeak-ng', ['-v', voice, '-s', '160', '-w', file, text]);
    const { rate, samples } = readWav16(readFileSync(file));
    return trim(to16k(samples, rate));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The sentences spoken one after another with 1–2.5 s pauses (seeded), a lead of 1–2 s and a tail
 * of 1 s. `spans` are where each sentence is, in seconds: the ground truth.
 */
export function scene(sentences, seed, voices = ['en-us']) {
  const random = mulberry32(seed);
  const spoken = sentences.map((text, i) => speak(text, voices[i % voices.length]));
  const starts = [];
  let t = 1 + random();
  for (const clip of spoken) {
    const at = Math.round(t * RATE);
    starts.push(at);
    t = (at + clip.length) / RATE + 1 + 1.5 * random();
  }
  const samples = new Float32Array(starts.at(-1) + spoken.at(-1).length + RATE);
  const spans = spoken.map((clip, i) => {
    samples.set(clip, starts[i]);
    return { start: starts[i] / RATE, end: (starts[i] + clip.length) / RATE };
  });
  return { samples, spans, durationSec: samples.length / RATE };
}

/** 16-bit PCM mono WAV bytes. */
export function wav16(samples, rate = RATE) {
  const data = Buffer.alloc(44 + samples.length * 2);
  data.write('RIFF', 0);
  data.writeUInt32LE(36 + samples.length * 2, 4);
  data.write('WAVE', 8);
  data.write('fmt ', 12);
  data.writeUInt32LE(16, 16);
  data.writeUInt16LE(1, 20);
  data.writeUInt16LE(1, 22);
  data.writeUInt32LE(rate, 24);
  data.writeUInt32LE(rate * 2, 28);
  data.writeUInt16LE(2, 32);
  data.writeUInt16LE(16, 34);
  data.write('data', 36);
  data.writeUInt32LE(samples.length * 2, 40);
  for (let i = 0; i < samples.length; i++) data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, samples[i])) * 32767), 44 + i * 2);
  return data;
}
