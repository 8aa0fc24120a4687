// The screenshot series of the corpus: fixed plans of what a person reads, in which app, for how
// many screenshots. Scrolling inside one document is not a chapter boundary; a new document, an
// app switch or a return to an earlier document is.

/** [app, document id, screenshots] per visit. */
export const SERIES = [
  {
    id: 'docs-light-1x', scale: 1, seed: 11,
    visits: [['docs-light', 'idb', 4], ['docs-light', 'comlink', 3], ['docs-light', 'minisearch', 4], ['docs-light', 'idb', 2], ['docs-light', 'fflate', 3]],
  },
  {
    id: 'docs-dark-2x', scale: 2, seed: 12,
    visits: [['docs-dark', 'workerpool', 4], ['docs-dark', 'tesseract.js', 3], ['docs-dark', 'mediabunny', 3], ['docs-dark', 'workerpool', 2], ['docs-dark', 'eslint', 3]],
  },
  {
    id: 'text-1x', scale: 1, seed: 13,
    visits: [['text', 'Apache-2.0', 4], ['text', 'man-tar', 3], ['text', 'MPL-2.0', 3], ['text', 'Apache-2.0', 2], ['text', 'man-grep', 3]],
  },
  {
    id: 'editor-dark-1x', scale: 1, seed: 14,
    visits: [['editor', 'comlink', 3], ['editor', 'idb', 3], ['editor', 'minisearch', 3], ['editor', 'comlink', 2]],
  },
  {
    id: 'apps-1x', scale: 1, seed: 15,
    visits: [['docs-light', 'idb', 3], ['editor', 'fflate', 3], ['text', 'GPL-3', 3], ['docs-light', 'idb', 2], ['text', 'man-tar', 2], ['editor', 'fflate', 2]],
  },
  {
    id: 'apps-2x', scale: 2, seed: 16,
    visits: [['docs-dark', 'minisearch', 3], ['text', 'Apache-2.0', 3], ['editor', 'workerpool', 3], ['docs-dark', 'minisearch', 2]],
  },
  {
    // Switching files inside one visit to the editor: its tabs and status bar stay the same.
    id: 'tabs-1x', scale: 1, seed: 17,
    visits: [['docs-light', 'minisearch', 3], ['editor', 'idb', 2], ['editor', 'comlink', 2], ['text', 'MPL-2.0', 2], ['editor', 'idb', 2]],
  },
];

/** CSS viewport of every shot. */
export const VIEWPORT = { width: 1280, height: 720 };
