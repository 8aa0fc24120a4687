import { useEffect, useState } from 'react';
import type { Enricher } from '../app/enricher.ts';
import type { SearchHit } from '../shared/search.ts';
import type { DetailFocus } from './detail/outcomes.ts';
import { Highlighted } from './Highlighted.tsx';

/** Waits this long after the last keystroke before searching. */
const DEBOUNCE_MS = 120;

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

/** Search across all sessions; choosing a hit opens its session at the chapter or moment. */
export function SearchPanel({ enricher, onOpen }: { enricher: Enricher; onOpen: (sessionId: string, focus: DetailFocus) => void }) {
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

  return (
    <section className="search" aria-label="Search">
      <input
        type="search"
        aria-label="Search sessions"
        placeholder="Search sessions: words on screen, in the transcript or notes"
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
      />
      {hits && (
        <ul className="hits" aria-label="Search results">
          {hits.length === 0 && <li className="meta">Nothing found for “{query.trim()}”.</li>}
          {hits.map((hit, i) => (
            <li key={`${hit.sessionId}-${hit.kind}-${hit.chapter}-${hit.time}-${i}`}>
              <button type="button" onClick={() => onOpen(hit.sessionId, { chapter: hit.chapter, time: hit.time })}>
                <strong>{hit.title}</strong>
                <span className="meta">
                  {hit.kind === 'chapter' && hit.chapter !== null ? ` · chapter ${hit.chapter + 1}` : ''}
                  {hit.kind === 'cue' && hit.time !== null ? ` · at ${clock(hit.time)}` : ''}
                </span>
                <span className="snippet">
                  <Highlighted text={hit.snippet} ranges={hit.matches} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
