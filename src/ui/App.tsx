import { useCallback, useState } from 'react';
import type { Enricher } from '../app/enricher.ts';
import { AppStatus } from './AppStatus.tsx';
import { BatchPanel } from './BatchPanel.tsx';
import type { DetailFocus } from './detail/outcomes.ts';
import { SessionDetail } from './detail/SessionDetail.tsx';
import { ImportControls } from './ImportControls.tsx';
import { SearchPanel } from './SearchPanel.tsx';
import { SessionList } from './SessionList.tsx';
import { ProviderSettings } from './settings/ProviderSettings.tsx';
import { useBatchNotice } from './useBatchNotice.ts';
import { useLibrary } from './useLibrary.ts';
import { OutdatedNotice } from './OutdatedNotice.tsx';

export function App({ enricher }: { enricher: Enricher }) {
  const library = useLibrary(enricher.view);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [opened, setOpened] = useState<{ sessionId: string; focus: DetailFocus | null } | null>(null);
  const session = opened ? library.sessions.find((s) => s.id === opened.sessionId) : undefined;
  useBatchNotice(library);

  const toggle = useCallback((sessionId: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(sessionId)) next.add(sessionId);
      return next;
    });
  }, []);
  const open = useCallback((sessionId: string, focus: DetailFocus | null = null) => setOpened({ sessionId, focus }), []);

  return (
    <div className="app">
      <header>
        <h1>Session Enricher</h1>
        <p className="tagline">Enriches your recorded work sessions on this device.</p>
        <ProviderSettings db={enricher.db} />
        <AppStatus sessionCount={library.sessions.length} doneCount={library.batch.done} />
      </header>
      {library.role === 'outdated' && <OutdatedNotice />}
      <ImportControls enricher={enricher} />
      <BatchPanel enricher={enricher} library={library} selected={selected} />
      <SearchPanel enricher={enricher} onOpen={open} />
      <main className="layout">
        <SessionList
          enricher={enricher}
          library={library}
          selected={selected}
          opened={opened?.sessionId ?? null}
          onToggle={toggle}
          onOpen={open}
        />
        {session && <SessionDetail enricher={enricher} session={session} job={library.jobs.get(session.id)} focus={opened?.focus ?? null} />}
      </main>
    </div>
  );
}
