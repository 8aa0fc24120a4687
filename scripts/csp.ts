import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the built app, sent by `vite preview` as a header and written into
 * index.html as a meta tag by `csp()`, so that a static host without headers gets the same policy.
 * The header matters for workers: a meta tag reaches only the document, a header reaches every
 * worker script too (and the nested workers they start from blob: URLs inherit it).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // WebAssembly (tesseract's core) needs 'wasm-unsafe-eval'; nothing needs 'unsafe-eval' or inline script.
  "script-src 'self' 'wasm-unsafe-eval'",
  // tesseract.js starts its own worker from a blob: URL that imports /ocr/worker.min.js.
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  // The session's own recordings play from blob: URLs of their stored Blobs.
  "media-src 'self' blob:",
  // framer-motion animates through inline style attributes; without 'unsafe-inline' they are dropped.
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Writes the policy into index.html as the first element of <head>, at build only (dev needs inline scripts). */
export function csp(): Plugin {
  return {
    name: 'session-enricher:csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}
