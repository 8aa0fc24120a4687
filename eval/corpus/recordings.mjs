// The screen recordings of the corpus: fixed plans of what a person reads, in which app, scrolling
// at a steady speed with pauses. Each starts with a blank second (the recorder's first frame), and
// each switch shows the app's empty page for LOADING_SEC before the document's text. A switch to
// another document or app, or back to an earlier one, is a chapter boundary; scrolling, pausing,
// the blank start and the loading page are not.

/** Seconds of blank screen at the start, and of the empty app page at each switch. */
export const BLANK_SEC = 1;
export const LOADING_SEC = 0.5;
export const FPS = 10;

/** Steps of a visit: ['scroll', seconds] at the recording's speed, or ['pause', seconds]. */
const s = (sec) => ['scroll', sec];
const p = (sec) => ['pause', sec];

/**
 * [app, document id, steps] per visit. `scale` is the device pixel ratio of a 1280×720 CSS
 * viewport: 1.5 makes a 1920×1080 recording. `pxPerSec` is in CSS pixels.
 */
export const RECORDINGS = [
  {
    id: 'docs-light-720p-h264', codec: 'avc', scale: 1, pxPerSec: 60,
    visits: [['docs-light', 'idb', [s(6), p(3), s(5)]], ['docs-light', 'comlink', [s(5), p(2), s(4)]], ['docs-light', 'idb', [p(2), s(4)]], ['docs-light', 'minisearch', [s(5), p(2)]]],
  },
  {
    id: 'docs-dark-1080p-vp9', codec: 'vp9', scale: 1.5, pxPerSec: 50,
    visits: [['docs-dark', 'workerpool', [s(5), p(3), s(4)]], ['docs-dark', 'tesseract.js', [s(6), p(2), s(3)]], ['docs-dark', 'workerpool', [p(2), s(3)]], ['docs-dark', 'mediabunny', [s(6), p(2)]]],
  },
  {
    id: 'apps-720p-vp9', codec: 'vp9', scale: 1, pxPerSec: 70,
    visits: [['text', 'Apache-2.0', [s(6), p(3), s(3)]], ['editor', 'fflate', [s(5), p(2), s(4)]], ['docs-light', 'idb', [s(6), p(2)]], ['text', 'Apache-2.0', [p(2), s(4)]]],
  },
  {
    // Ends with a switch of tabs inside the editor: its tabs and status bar stay the same.
    id: 'apps-1080p-h264', codec: 'avc', scale: 1.5, pxPerSec: 45,
    visits: [['editor', 'comlink', [s(6), p(3), s(3)]], ['docs-dark', 'minisearch', [s(5), p(2), s(4)]], ['text', 'man-tar', [s(6), p(2)]], ['editor', 'idb', [s(4), p(2)]], ['editor', 'comlink', [p(2), s(3)]]],
  },
];
