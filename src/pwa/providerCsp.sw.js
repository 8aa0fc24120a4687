/* global self, indexedDB, caches, fetch, Response, Headers, URL, __BASE_POLICY__ */
/**
 * Imported into the service worker (scripts/pwa.ts emits it with the app's policy filled in as
 * BASE_POLICY). Worker scripts get their Content-Security-Policy from their own response, so
 * this rewrites the policy of every dedicated worker script the app starts: `connect-src 'self'`
 * becomes `connect-src 'self' <origin>` when the person configured an AI provider at <origin>, and
 * stays `'self'` otherwise. The page keeps its strict policy: only workers send provider requests.
 * Registered before Workbox's own fetch listener, so it answers worker scripts first.
 */
const BASE_POLICY = __BASE_POLICY__;
const DB_NAME = 'session-enricher';
const PROVIDER_KEY = 'provider';

/** The configured provider's origin, or null. Never creates the database (that is the app's job). */
function providerOrigin() {
  return new Promise((resolve) => {
    const open = indexedDB.open(DB_NAME);
    // The database does not exist yet: abort, so that opening it here does not create an empty one.
    open.onupgradeneeded = () => open.transaction.abort();
    open.onerror = () => resolve(null);
    open.onblocked = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      // Never stand in the way of the app's own upgrades.
      db.onversionchange = () => db.close();
      const done = (value) => {
        db.close();
        resolve(value);
      };
      if (!db.objectStoreNames.contains('meta')) return done(null);
      const get = db.transaction('meta').objectStore('meta').get(PROVIDER_KEY);
      get.onerror = () => done(null);
      get.onsuccess = () => {
        const config = get.result;
        if (!config || config.kind !== 'openai' || typeof config.baseUrl !== 'string') return done(null);
        try {
          const url = new URL(config.baseUrl);
          done(url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null);
        } catch {
          done(null);
        }
      };
    };
  });
}

/** The policy with the provider's origin added to connect-src (and only there). */
function widen(policy, origin) {
  if (!origin) return policy;
  return policy
    .split(';')
    .map((directive) => (directive.trim().startsWith('connect-src') ? `${directive.trim()} ${origin}` : directive.trim()))
    .join('; ');
}

async function workerScript(request) {
  // Hashed worker bundles are precached under their own URL; outside the precache, the network.
  // ignoreVary: module imports inside a worker carry an Origin header, and the server answers
  // with `Vary: Origin`; the precached copy was fetched without one and must still match offline.
  const response = (await caches.match(request, { ignoreSearch: true, ignoreVary: true })) ?? (await fetch(request));
  if (!response.ok) return response;
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', widen(headers.get('Content-Security-Policy') ?? BASE_POLICY, await providerOrigin()));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.destination !== 'worker' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(workerScript(request));
  // Workbox's precache route would answer too: one answer per request.
  event.stopImmediatePropagation();
});
