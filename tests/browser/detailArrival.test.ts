import { afterEach, expect, test } from 'vitest';
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { Enricher } from '../../src/app/enricher.ts';
import { DetailPane } from '../../src/ui/DetailPane.tsx';
import { DETAIL_ID } from '../../src/ui/detail/detailId.ts';
import { createTestWorker } from './fixtures/engine.ts';
import { reactRoot } from './fixtures/reactRoot.ts';
import { makeSession, uniqueDbName } from './fixtures/sessions.ts';
import { waitFor } from './fixtures/waitFor.ts';

// The detail's code is fetched after the list has shown. A row's "Go to details" focuses the element
// with the detail's id: pressed before that code has arrived, it focuses the stand-in, and the focus
// must move on to the detail when it replaces it, not fall back to the page.

const open: Enricher[] = [];

// Registered before the React root's: after-hooks run last first, so the detail is unmounted, and
// its reads are answered, before its database closes.
afterEach(async () => {
  for (const enricher of open.splice(0)) {
    await enricher.db.get('results', 'none');
    await enricher.close({ graceful: false });
  }
});

const { root } = reactRoot();

test('focus given to the detail while its code loads lands on the detail once it shows', async () => {
  const enricher = await Enricher.open({ dbName: uniqueDbName(), createWorker: createTestWorker });
  open.push(enricher);
  const { session } = await makeSession();
  flushSync(() => root().render(createElement(DetailPane, { enricher, session, job: undefined, focus: null, narrow: false, onClose: () => {} })));

  const standIn = document.getElementById(DETAIL_ID);
  expect(standIn?.getAttribute('aria-busy')).toBe('true');
  // What "Go to details" does.
  standIn!.focus();
  expect(document.activeElement).toBe(standIn);

  await waitFor(() => document.getElementById(DETAIL_ID)?.getAttribute('aria-busy') === null, { timeoutMs: 20_000, what: 'the detail to replace its stand-in' });
  const detail = document.getElementById(DETAIL_ID)!;
  expect(detail.getAttribute('aria-label')).toBe(`Details of ${session.title}`);
  expect(document.activeElement).toBe(detail);
});
