import { encodeWav16 } from '../audio/wav.ts';
import { integer, mulberry32, pick, sample } from './random.ts';
import type { Random } from './random.ts';
import { LAYOUT_NAMES, drawScreen, sceneLook } from './screens.ts';
import type { SampleFile, SampleSession } from './types.ts';
import { VOICE_RATE, planSpeech, renderSpeech } from './voice.ts';
import { sessionNotes, sessionTags, sessionTitle, workLine } from './words.ts';
import { sampleTranscript } from './transcript.ts';

/** Day one of the sample sessions; session `index` starts `index` days later. */
const BASE_TIME = Date.UTC(2026, 10, 2, 9);
const DAY_MS = 24 * 60 * 60 * 1000;
/** Mixed into the seed of the transcript's own generator, so the session's other files do not depend on it. */
const TRANSCRIPT_SALT = 0x7a3c_91e5;

/** Mixes seed and index into one 32-bit seed, so neighbouring indexes do not look alike. */
function mixSeed(seed: number, index: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
}

/** Splits `count` screenshots into `scenes` non-empty runs; returns where each run starts. */
function sceneStarts(random: Random, count: number, scenes: number): number[] {
  const cuts = sample(
    random,
    Array.from({ length: count - 1 }, (_, i) => i + 1),
    scenes - 1,
  );
  return [0, ...cuts.sort((a, b) => a - b)];
}

/** Draws the scenes one after another; returns the files and where each scene starts. */
async function screenshots(
  random: Random,
  startedAt: number,
): Promise<{ files: SampleFile[]; chapterStarts: number[] }> {
  const count = integer(random, 6, 9);
  const starts = sceneStarts(random, count, integer(random, 2, 4));
  // Distinct layouts, so that consecutive scenes always look different.
  const layouts = sample(random, LAYOUT_NAMES, starts.length);
  const files: SampleFile[] = [];
  let at = startedAt + integer(random, 5, 30) * 1000;
  for (const [scene, first] of starts.entries()) {
    const layout = layouts[scene] ?? 'document';
    const look = sceneLook(random, layout);
    const heading = workLine(random);
    const lines = Array.from({ length: integer(random, 5, 8) }, () => workLine(random));
    const last = (starts[scene + 1] ?? count) - 1;
    for (let i = first; i <= last; i++) {
      if (i > first) {
        // Within a scene only one or two lines change, as when someone edits or scrolls a little.
        for (let n = integer(random, 1, 2); n > 0; n--) {
          lines[integer(random, 0, lines.length - 1)] = workLine(random);
        }
      }
      const name = `screen-${String(i + 1).padStart(2, '0')}.png`;
      files.push({ name, at, blob: await drawScreen(look, heading, lines) });
      at += integer(random, 20, 90) * 1000;
    }
  }
  return { files, chapterStarts: starts };
}

/**
 * Generates sample session `index` of a set: screenshots in 2–4 scenes, a recording with 4–8
 * bursts of speech and its WebVTT transcript, notes with action items. The same (seed, index)
 * always gives the same session, down to the bytes of its files (on one browser build).
 */
export async function generateSampleSession(seed: number, index: number): Promise<SampleSession> {
  const random = mulberry32(mixSeed(seed, index));
  const startedAt = BASE_TIME + index * DAY_MS;
  const title = sessionTitle(random);
  const tags = sessionTags(random);
  const notes = sessionNotes(random, title);
  const plan = planSpeech(random);
  const wav = encodeWav16(renderSpeech(plan, random), VOICE_RATE);
  const screens = await screenshots(random, startedAt);
  const vtt = sampleTranscript(mulberry32(mixSeed(seed, index) ^ TRANSCRIPT_SALT), plan.bursts, title);
  return {
    title,
    notes,
    tags,
    startedAt,
    screenshots: screens.files,
    audio: {
      name: pick(random, ['recording.wav', 'call.wav', 'voice-notes.wav']),
      at: startedAt,
      blob: new Blob([wav], { type: 'audio/wav' }),
    },
    transcript: { name: 'transcript.vtt', at: startedAt, blob: new Blob([vtt], { type: 'text/vtt' }) },
    expected: { chapterStarts: screens.chapterStarts, speech: plan.bursts },
  };
}
