import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { Enricher } from '../app/enricher.ts';
import type { LibrarySnapshot } from '../app/libraryView.ts';
import { SessionRow } from './SessionRow.tsx';

interface SessionListProps {
  enricher: Enricher;
  library: LibrarySnapshot;
  selected: ReadonlySet<string>;
  opened: string | null;
  onToggle: (sessionId: string) => void;
  onOpen: (sessionId: string) => void;
}

/** A first guess of a row's height; each row is measured once shown, as titles wrap. */
const ROW_ESTIMATE = 84;

/** Every session with its state in words and its progress, virtualized against the window's scroll. */
export function SessionList({ enricher, library, selected, opened, onToggle, onOpen }: SessionListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    setOffset(listRef.current ? listRef.current.getBoundingClientRect().top + window.scrollY : 0);
  }, [library.sessions.length === 0]);
  const virtualizer = useWindowVirtualizer({
    count: library.sessions.length,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 12,
    scrollMargin: offset,
    getItemKey: (index) => library.sessions[index]!.id,
  });

  if (library.sessions.length === 0) {
    return (
      <p className="empty">
        Your library is empty. Load the sample sessions to see what enrichment finds, or import folders of your own.
      </p>
    );
  }
  return (
    <ul ref={listRef} className="sessions" aria-label="Sessions" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => {
        const session = library.sessions[item.index]!;
        return (
          <SessionRow
            key={session.id}
            enricher={enricher}
            session={session}
            job={library.jobs.get(session.id)}
            selected={selected.has(session.id)}
            opened={opened === session.id}
            index={item.index}
            top={item.start - virtualizer.options.scrollMargin}
            measure={virtualizer.measureElement}
            onToggle={onToggle}
            onOpen={onOpen}
          />
        );
      })}
    </ul>
  );
}
