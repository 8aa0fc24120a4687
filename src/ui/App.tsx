import { useEffect, useState } from 'react';
import type { Enricher } from '../engine/enricher.ts';
import { BatchPanel } from './BatchPanel.tsx';
import { ImportControls } from './ImportControls.tsx';
import { SessionDetail } from './SessionDetail.tsx';
import { SessionList } from './SessionList.tsx';
import { useLibrary } from './useLibrary.ts';

export function App({ enricher }: { enricher: Enricher }) {
  const library = useLibrary(enricher.view);
  const [selected, setSelected] = useState<string | null>(null);
  const session = library.sessions.find((s) => s.id === selected);

  const { done, total } = library.batch;
  useEffect(() => {
    const running = total > 0 && done < total;
    document.title = running ? `(${Math.floor((done / total) * 100)}%) Session Enricher` : 'Session Enricher';
  }, [done, total]);

  return (
    <div className="app">
      <header>
        <h1>Session Enricher</h1>
        <p className="tagline">Enriches your recorded work sessions on this device. Nothing leaves it.</p>
      </header>
      <ImportControls enricher={enricher} />
      <BatchPanel enricher={enricher} library={library} />
      <main className="layout">
        <SessionList enricher={enricher} library={library} selected={selected} onSelect={setSelected} />
        {session && <SessionDetail enricher={enricher} session={session} job={library.jobs.get(session.id)} />}
      </main>
    </div>
  );
}
