import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin, PluginOption } from 'vite';
import { VitePWA, type ManifestOptions } from 'vite-plugin-pwa';
import { CONTENT_SECURITY_POLICY } from './csp.ts';

/** The colour of the title bar and of the splash screen: the logo's blue on the app's background. */
const THEME_COLOR = '#2a6df4';
const BACKGROUND_COLOR = '#f7f7f5';

/** Shown in the app; `SESSION_ENRICHER_VERSION` lets a test build two distinguishable versions. */
const version: string =
  process.env.SESSION_ENRICHER_VERSION ??
  (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The web app manifest: what the browser's install sheet shows. */
export const manifest: Partial<ManifestOptions> = {
  id: '/',
  name: 'Session Enricher',
  short_name: 'Enricher',
  description: 'Enrich recorded work sessions on your own device, offline: speech, chapters and text, in the browser.',
  lang: 'en',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  theme_color: THEME_COLOR,
  background_color: BACKGROUND_COLOR,
  categories: ['productivity', 'utilities'],
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
  screenshots: [
    { src: '/screenshots/wide.png', sizes: '1280x800', type: 'image/png', form_factor: 'wide', label: 'A batch of enriched sessions' },
    { src: '/screenshots/narrow.png', sizes: '540x960', type: 'image/png', form_factor: 'narrow', label: 'Sessions on a phone' },
  ],
};

/**
 * The service worker and the manifest. `registerType: 'prompt'`: a new version waits until the person
 * presses Reload (src/pwa/serviceWorker.ts), because a reload in the middle of a batch must be their
 * choice. `injectRegister: false`: the app registers the worker itself, so no inline script is added.
 * Dev and Vitest serve no service worker (`devOptions.enabled: false`).
 */
export function pwa(): PluginOption[] {
  return [
    appVersion(),
    themeColor(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      devOptions: { enabled: false },
      manifest,
      // The icons are precached by the glob below already.
      includeManifestIcons: false,
      workbox: {
        // The app shell, the worker bundles, the icons, the OCR and voice-detector assets (the manifest
        // is added by the plugin); not source maps nor the screenshots, which only the install sheet shows.
        globPatterns: ['**/*.{js,css,html,svg,png}', 'ocr/**/*.{js,wasm,gz}', 'vad/*.gzip'],
        globIgnores: ['screenshots/**'],
        // The tesseract core is about 4 MB; the default limit (2 MiB) would fail the build.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        // The first visit is controlled at once, so it works offline without a second load. An update
        // still waits for the person: skipWaiting stays off.
        clientsClaim: true,
      },
    }),
    providerCsp(),
  ];
}

/** `__APP_VERSION__` in the app's code. */
function appVersion(): Plugin {
  return { name: 'session-enricher:app-version', config: () => ({ define: { __APP_VERSION__: JSON.stringify(version) } }) };
}

/** The theme colour and the home-screen icon, which the manifest link alone does not give every browser. */
function themeColor(): Plugin {
  return {
    name: 'session-enricher:theme-color',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { name: 'theme-color', content: THEME_COLOR }, injectTo: 'head' },
      { tag: 'link', attrs: { rel: 'apple-touch-icon', href: '/icons/icon-192.png' }, injectTo: 'head' },
    ],
  };
}

/** The service worker's add-on that gives worker scripts the provider's origin in connect-src. */
const PROVIDER_CSP_SCRIPT = 'provider-csp.js';

/**
 * Emits src/pwa/providerCsp.sw.js with the app's policy in it (for headerless hosts too), and
 * imports it at the very top of the generated sw.js. Not through Workbox's `importScripts` option:
 * that one runs inside Workbox's module loader, after the first evaluation, where a service worker
 * may no longer import scripts; and at the top its fetch listener runs before Workbox's.
 */
function providerCsp(): Plugin {
  let outDir = '';
  return {
    name: 'session-enricher:provider-csp',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    generateBundle() {
      const source = readFileSync(new URL('../src/pwa/providerCsp.sw.js', import.meta.url), 'utf8');
      const placeholder = 'const BASE_POLICY = __BASE_POLICY__;';
      if (!source.includes(placeholder)) this.error(`${PROVIDER_CSP_SCRIPT} lost its policy placeholder`);
      this.emitFile({
        type: 'asset',
        fileName: PROVIDER_CSP_SCRIPT,
        source: source.replace(placeholder, `const BASE_POLICY = ${JSON.stringify(CONTENT_SECURITY_POLICY)};`),
      });
    },
    // After vite-plugin-pwa has written sw.js.
    closeBundle: {
      sequential: true,
      order: 'post',
      handler() {
        const sw = resolve(outDir, 'sw.js');
        writeFileSync(sw, `importScripts(${JSON.stringify(`/${PROVIDER_CSP_SCRIPT}`)});\n${readFileSync(sw, 'utf8')}`);
      },
    },
  };
}
