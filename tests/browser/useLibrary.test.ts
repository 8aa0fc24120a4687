import { expect, test } from 'vitest';
import { createElement, Fragment } from 'react';
import { flushSync } from 'react-dom';
import { LibraryView } from '../../src/app/libraryView.ts';
import { useLibrary } from '../../src/ui/useLibrary.ts';
import { reactRoot } from './fixtures/reactRoot.ts';

// During a batch the library's snapshot changes many times a second while the workers hold the
// cores. Rendered in one piece, a change to a long list was one task the page then waited for a
// core to finish (long tasks of 60–100 ms in the bench's real-app batch); rendered as a transition,
// React yields between pieces and the page's other tasks run in between.

const ROWS = 120;
/** Busy time of one row's render: the whole list takes far longer than React's 5 ms slice. */
const ROW_MS = 1;

const mounted = reactRoot(() => document.createElement('ul'));

let rendered = 0;

function Row({ version }: { version: number; index: number }) {
  const until = performance.now() + ROW_MS;
  while (performance.now() < until);
  rendered++;
  return createElement('li', null, version);
}

function List({ view }: { view: LibraryView }) {
  const { version } = useLibrary(view);
  return createElement(Fragment, null, ...Array.from({ length: ROWS }, (_, index) => createElement(Row, { key: index, version, index })));
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

test("a new library snapshot renders in pieces: the page's own tasks run between them", async () => {
  const view = new LibraryView();
  const host = mounted.host();
  flushSync(() => mounted.root().render(createElement(List, { view })));
  // The first snapshot is taken in an effect, then rendered: wait until it has settled.
  for (let i = 0; i < 100 && host.textContent !== String(view.getSnapshot().version).repeat(ROWS); i++) await nextTask();
  const before = view.getSnapshot().version;

  rendered = 0;
  view.setStatus('leader', true);
  // The view publishes at the next animation frame; React renders from there.
  for (let i = 0; i < 100 && view.getSnapshot().version === before; i++) await nextTask();
  const shown = String(view.getSnapshot().version).repeat(ROWS);
  expect(shown).not.toBe(String(before).repeat(ROWS));
  // A task at a time, note how much of the new snapshot was rendered when it ran.
  const seen: number[] = [];
  const deadline = performance.now() + 10_000;
  while (host.textContent !== shown && performance.now() < deadline) {
    seen.push(rendered);
    await nextTask();
  }
  expect(host.textContent).toBe(shown);
  // Some task ran while the list was part rendered.
  expect(seen.some((count) => count > 0 && count < ROWS), `rows rendered when each task ran: ${seen.join(' ')}`).toBe(true);
});
