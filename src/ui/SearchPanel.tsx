import { useEffect, useMemo, useRef, useState } from 'react';
import type { Enricher } from '../app/enricher.ts';
import type { LibrarySnapshot } from '../app/libraryView.ts';
import type { SearchHit } from '../shared/search.ts';
import type { DetailFocus } from './detail/outcomes.ts';
import { onHitKeys } from './hitKeys.ts';
import { SearchFilterBar } from './SearchFilterBar.tsx';
import { NO_FILTERS, isFiltered, libraryTags, toSearchFilters, type FilterForm } from './searchFilterForm.ts';
import { SearchHitItem } from './SearchHitItem.tsx';

/** Waits this long after the last keystroke before searching. */
const DEBOUNCE_MS = 120;

interface SearchPanelProps {
  enricher: Enricher;
  library: LibrarySnapshot;
  onOpen: (sessionId: string, focus: DetailFocus) => void;
}

/** What the list shows: hits for words, or (filters without words) the matching sessions. */
type Found = { kind: 'words'; query: string; filtered: boolean; hits: SearchHit[] } | { kind: 'sessions'; hits: SearchHit[] };

/**
 * Search across all sessions, narrowed by the filters under the field; choosing a hit opens its
 * session at the chapter or moment. Filters without words list the matching sessions, newest first.
 */
export function SearchPanel({ enricher, library, onOpen }: SearchPanelProps) {
  const field = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState('');
  const [form, setForm] = useState<FilterForm>(NO_FILTERS);
  const [found, setFound] = useState<Found | null>(null);
  const filtered = isFiltered(form);
  const filters = useMemo(() => toSearchFilters(form), [form]);
  useEffect(() => {
    const trimmed = query.trim();
    const words = trimmed.length >= 2;
    if (!words && !filtered) {
      setFound(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      const shape = (hits: SearchHit[]): Found => (words ? { kind: 'words', query: trimmed, filtered, hits } : { kind: 'sessions', hits });
      void enricher.search(words ? trimmed : '', undefined, filtered ? filters : undefined).then(
        (hits) => live && setFound(shape(hits)),
        () => live && setFound(shape([])),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [enricher, query, filters, filtered]);

  // Built when the sessions change, not on every job update of a running batch.
  const sessions = useMemo(() => new Map(library.sessions.map((s) => [s.id, s])), [library.sessions]);
  const tags = useMemo(() => libraryTags(library.sessions), [library.sessions]);
  // A hit of a session deleted since the index was saved has nowhere to go.
  const shown = found?.hits.filter((hit) => sessions.has(hit.sessionId)) ?? null;
  // Words always get a list (saying when nothing was found); a filter alone only when it matched.
  const listed = found?.kind === 'words' || (shown?.length ?? 0) > 0;
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
      <SearchFilterBar form={form} tags={tags} onChange={setForm} />
      {found?.kind === 'sessions' && (
        <p className="meta search-note" role="status">
          {shown?.length ? 'Enriched sessions that match the filters, newest first. Type words to search within them.' : 'No enriched session matches these filters.'}
        </p>
      )}
      {listed && (
        <ul ref={list} className="hits" aria-label="Search results" onKeyDown={(event) => onHitKeys(event, field.current)}>
          {shown?.length === 0 && found?.kind === 'words' && (
            <li className="meta">
              Nothing found for “{found.query}”{found.filtered ? ' with these filters' : ''}.
            </li>
          )}
          {shown?.map((hit) => (
            <SearchHitItem key={hit.id} enricher={enricher} hit={hit} session={sessions.get(hit.sessionId)!} job={library.jobs.get(hit.sessionId)} onOpen={onOpen} />
          ))}
        </ul>
      )}
    </section>
  );
}
