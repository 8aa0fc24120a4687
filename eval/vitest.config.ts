import { defineConfig, mergeConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import viteConfig from '../vite.config.ts';
import '../tests/node-polyfills.ts';
import { chromiumArgs, chromiumPath } from '../tests/chromium.ts';

/** npm run eval: the corpus scored in headless Chromium (not part of npm test). */
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      include: ['eval/run/**/*.eval.ts'],
      testTimeout: 15 * 60_000,
      provide: { reuseOcr: process.env.EVAL_OCR === 'reuse' },
      browser: {
        enabled: true,
        headless: true,
        provider: playwright({ launchOptions: { executablePath: chromiumPath(), args: chromiumArgs } }),
        instances: [{ browser: 'chromium' }],
      },
    },
  }),
);
