import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './tests/chromium.ts';
import { e2eOutDir as outDir, e2ePort as port } from './tests/e2eBuild.ts';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: `test-results/e2e-${port}`,
  // Enrichment runs OCR on every screenshot: a batch of samples takes tens of seconds on 2 cores.
  timeout: 240_000,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://localhost:${port}`,
    // A fresh context installs the service worker, which precaches every asset (about 25 MB) while the
    // test runs: seconds of CPU a test on 2 cores. Specs about the service worker, offline use, updates,
    // the newcomer's first run and what the provider's consent widens allow it (`test.use`).
    serviceWorkers: 'block',
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
  },
  webServer: {
    // One build folder per port, so that two runs on one machine never overwrite each other's build.
    // `npm test` builds it while the browser tests run (scripts/test.mjs) and says so with E2E_PREBUILT.
    command: `${process.env.E2E_PREBUILT ? '' : `npx vite build --outDir ${outDir} --emptyOutDir && `}npx vite preview --outDir ${outDir} --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
