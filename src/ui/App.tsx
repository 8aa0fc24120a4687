import { MotionConfig } from 'framer-motion';
import { useCallback, useMemo, useState } from 'react';
import type { Enricher } from '../app/enricher.ts';
import { AppHeader } from './AppHeader.tsx';
import { BatchPanel } from './BatchPanel.tsx';
import type { DetailFocus } from './detail/outcomes.ts';
import { DetailPane } from './DetailPane.tsx';
import { ImportControls } from './ImportControls.tsx';
import { SearchPanel } from './SearchPanel.tsx';
import { SessionList } from './SessionList.tsx';
import { useBatchNotice } from './useBatchNotice.ts';
import { useLibrary } from './useLibrary.ts';
import { OutdatedNotice } from './OutdatedNotice.tsx';
import { NARROW, useMediaQuery } from './useMediaQuery.ts';

/** Puts the focus back on a row's title when its detail view closes (if the row is still rendered). */
function focusRow(sessionId: string) {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-session-id="${CSS.escape(sessionId)}"] .session-title`)?.focus());
}

export function App({ enricher }: { enricher: Enricher }) {
  const library = useLibrary(enricher.view);
  const narrow = useMediaQuery(NARROW);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [opened, setOpened] = useState<{ sessionId: string; focus: DetailFocus | null } | null>(null);
  // Looked up when the sessions or the opened one change, not on every frame of a running batch.
  const session = useMemo(() => (opened ? library.sessions.find((s) => s.id === opened.sessionId) : undefined), [library.sessions, opened]);
  useBatchNotice(library);

  const toggle = useCallback((sessionId: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(sessionId)) next.add(sessionId);
      return next;
    });
  }, []);
  const open = useCallback((sessionId: string, focus: DetailFocus | null = null) => setOpened({ sessionId, focus }), []);
  const openedId = opened?.sessionId;
  const close = useCallback(() => {
    if (openedId) focusRow(openedId);
    setOpened(null);
  }, [openedId]);
  // On a phone the detail covers the list: what is under it is out of reach until it closes.
  const covered = narrow && session !== undefined;
  const importBox = <ImportControls enricher={enricher} />;

  return (
    <MotionConfig reducedMotion="user">
      <div className="app">
        <div inert={covered}>
          <AppHeader enricher={enricher} sessionCount={library.sessions.length} doneCount={library.batch.done} />
        </div>
        {library.role === 'outdated' && <OutdatedNotice />}
        <main className="layout">
          <div className="library-pane" inert={covered}>
            {narrow ? (
              <details className="add-sessions" open={library.sessions.length === 0}>
                <summary>Add sessions</summary>
                {importBox}
              </details>
            ) : (
              importBox
            )}
            <BatchPanel enricher={enricher} library={library} selected={selected} />
            <SearchPanel enricher={enricher} library={library} onOpen={open} />
            <SessionList
              enricher={enricher}
              library={library}
              selected={selected}
              opened={opened?.sessionId ?? null}
              onToggle={toggle}
              onOpen={open}
            />
          </div>
          <DetailPane
            enricher={enricher}
            session={session}
            job={session ? library.jobs.get(session.id) : undefined}
            focus={opened?.focus ?? null}
            narrow={narrow}
            onClose={close}
          />
        </main>
      </div>
    </MotionConfig>
  );
}
