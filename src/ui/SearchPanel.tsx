import { useEffect, useMemo, useRef, useState } from 'react';
import type { Enricher } from '../app/enricher.ts';
import type { LibrarySnapshot } from '../app/libraryView.ts';
import type { SearchHit } from '../shared/search.ts';
import type { DetailFocus } from './detail/outcomes.ts';
import { onHitKeys } from './hitKeys.ts';
import { SearchHitItem } from './SearchHitItem.tsx';

/** Waits this long after the last keystroke before searching. */
const DEBOUNCE_MS = 120;

interface SearchPanelProps {
  enricher: Enricher;
  library: LibrarySnapshot;
  onOpen: (sessionId: string, focus: DetailFocus) => void;
}

/** Search across all sessions; choosing a hit opens its session at the chapter or moment. */
export function SearchPanel({ enricher, library, onOpen }: SearchPanelProps) {
  const field = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  useEffect(() => {
    const trimmed = query.trim();
    if (trimmed.length < 2) {
      setHits(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void enricher.search(trimmed).then(
        (found) => live && setHits(found),
        () => live && setHits([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [enricher, query]);

  // Built when the sessions change, not on every job update of a running batch.
  const sessions = useMemo(() => new Map(library.sessions.map((s) => [s.id, s])), [library.sessions]);
  // A hit of a session deleted since the index was saved has nowhere to go.
  const shown = hits?.filter((hit) => sessions.has(hit.sessionId)) ?? null;
  return (
    <section className="search" aria-label="Search">
      <input
        ref={field}
        type="search"
        aria-label="Search sessions"
        aria-describedby="search-keys"
        placeholder="Search sessions: words on screen, in the transcript or notes"
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && shown?.length) {
            event.preventDefault();
            list.current?.querySelector<HTMLButtonElement>('button.hit')?.focus();
          }
        }}
      />
      <span id="search-keys" className="visually-hidden">
        Use the down arrow to move through the results.
      </span>
      {shown && (
        <ul ref={list} className="hits" aria-label="Search results" onKeyDown={(event) => onHitKeys(event, field.current)}>
          {shown.length === 0 && <li className="meta">Nothing found for “{query.trim()}”.</li>}
          {shown.map((hit) => (
            <SearchHitItem key={hit.id} enricher={enricher} hit={hit} session={sessions.get(hit.sessionId)!} job={library.jobs.get(hit.sessionId)} onOpen={onOpen} />
          ))}
        </ul>
      )}
    </section>
  );
}
