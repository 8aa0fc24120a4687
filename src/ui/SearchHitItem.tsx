import type { Enricher } from '../app/enricher.ts';
import type { Job } from '../shared/job.ts';
import type { SearchHit } from '../shared/search.ts';
import type { SessionRecord } from '../shared/session.ts';
import type { DetailFocus } from './detail/outcomes.ts';
import { clock } from '../shared/clock.ts';
import { sessionDate } from './format.ts';
import { Highlighted } from './Highlighted.tsx';
import { RowThumb } from './RowThumb.tsx';
import { useSessionFacts } from './useSessionFacts.ts';

interface SearchHitItemProps {
  enricher: Enricher;
  hit: SearchHit;
  session: SessionRecord;
  job: Job | undefined;
  onOpen: (sessionId: string, focus: DetailFocus) => void;
}

/** The seconds into the session a hit points at: a cue's own time, else its chapter's start. */
function momentOf(hit: SearchHit, chapters: ReadonlyArray<{ startSec: number | null }> | null): number | null {
  if (hit.time !== null) return hit.time;
  if (hit.chapter === null) return null;
  return chapters?.[hit.chapter]?.startSec ?? null;
}

/** One hit: which session, when it was, where in it, the words found; choosing it opens the session there. */
export function SearchHitItem({ enricher, hit, session, job, onOpen }: SearchHitItemProps) {
  const facts = useSessionFacts(enricher, session, job);
  const moment = momentOf(hit, facts?.chapters ?? null);
  const chapter = hit.chapter !== null ? facts?.chapters?.[hit.chapter] : undefined;
  const where = [
    hit.kind === 'chapter' ? hit.title : hit.kind === 'cue' ? 'Said' : 'Whole session',
    hit.chapter !== null && hit.kind !== 'chapter' ? `chapter ${hit.chapter + 1}` : null,
    moment !== null ? `at ${clock(moment)}` : null,
  ].filter(Boolean);
  return (
    <li data-kind={hit.kind}>
      <button type="button" className="hit" onClick={() => onOpen(hit.sessionId, { chapter: hit.chapter, time: hit.time })}>
        <RowThumb blob={chapter?.thumbnail ?? facts?.thumbnail ?? null} />
        <span className="hit-text">
          <span className="hit-head">
            <strong className="hit-session">{facts?.title ?? session.title}</strong>
            {session.startedAt !== null && <span className="meta">{sessionDate(session.startedAt)}</span>}
          </span>
          <span className="hit-where">{where.join(' · ')}</span>
          <span className="snippet">
            <Highlighted text={hit.snippet} ranges={hit.matches} />
          </span>
        </span>
      </button>
    </li>
  );
}
