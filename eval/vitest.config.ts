import { existsSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { defineConfig, mergeConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import viteConfig from '../vite.config.ts';
import '../tests/node-polyfills.ts';
import { chromiumArgs, chromiumPath } from '../tests/chromium.ts';

/**
 * npm run eval (not part of npm test): the screenshot corpus scored in headless Chromium
 * (project `screens`), the screen recordings likewise (project `recordings`), the meetings' text in Node (project `text`, a second or two), and the
 * privacy detectors on planted and clean text in Node (project `privacy`, seconds). `npm run eval:speech`:
 * the voice detectors on spoken sentences over beds, in headless Chromium (project `speech`).
 * `npm run eval:whisper`: a Whisper export put in eval/.whisper/ by hand, on the same sentences (project `whisper`).
 */

/** Every file under eval/.whisper/ (a model folder copied there by hand), relative to it. */
function whisperFiles(): string[] {
  const root = new URL('./.whisper/', import.meta.url);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath}/${entry.name}`.slice(root.pathname.length))
    .sort();
}
/**
 * The browser projects' headless Chromium (Debian's, as the tests use it). A fresh object for each
 * project: vitest names a project's browser instance in place, and a shared one then clashes.
 */
const inChromium = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: chromiumPath(), args: chromiumArgs } }),
  instances: [{ browser: 'chromium' as const }],
});

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'screens',
            include: ['eval/run/quality.eval.ts'],
            testTimeout: 15 * 60_000,
            provide: { reuseOcr: process.env.EVAL_OCR === 'reuse', fullOcr: process.env.EVAL_OCR === 'full', series: process.env.EVAL_SERIES ?? '', recordings: '' },
            browser: inChromium(),
          },
        },
        {
          extends: true,
          test: {
            name: 'search',
            include: ['eval/run/search.eval.ts'],
            testTimeout: 10 * 60_000,
            browser: inChromium(),
          },
        },
        {
          extends: true,
          test: {
            name: 'recordings',
            include: ['eval/run/recordings.eval.ts'],
            // About 3 minutes of recordings, read at 7–10× their length on 2 busy cores.
            testTimeout: 60 * 60_000,
            // EVAL_IDLE_SLOTS: pool slots idle beside the job (default 1, a job alone on 2 cores: a second tesseract worker).
            provide: {
              reuseOcr: process.env.EVAL_OCR === 'reuse',
              fullOcr: false,
              series: '',
              recordings: process.env.EVAL_RECORDINGS ?? '',
              idleSlots: Number(process.env.EVAL_IDLE_SLOTS ?? 1),
            },
            browser: inChromium(),
          },
        },
        {
          extends: true,
          test: {
            name: 'speech',
            include: ['eval/run/speech.eval.ts'],
            testTimeout: 15 * 60_000,
            browser: inChromium(),
          },
        },
        {
          extends: true,
          test: {
            name: 'whisper',
            include: ['eval/run/whisper.eval.ts'],
            testTimeout: 60 * 60_000,
            provide: { whisperFiles: whisperFiles(), loadBefore: loadavg() },
            browser: inChromium(),
          },
        },
        {
          extends: true,
          test: { name: 'text', environment: 'node', include: ['eval/run/text.eval.ts'] },
        },
        {
          extends: true,
          test: { name: 'privacy', environment: 'node', include: ['eval/run/privacy.eval.ts'] },
        },
      ],
    },
  }),
);
