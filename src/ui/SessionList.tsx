import { AnimatePresence, motion, useReducedMotion } from 'framer-motion';
import type { Enricher } from '../engine/enricher.ts';
import type { LibrarySnapshot } from '../engine/libraryView.ts';
import type { SessionRecord } from '../shared/session.ts';
import { jobProgress, stageNote, stateWord } from './jobWords.ts';
import { ProgressBar } from './ProgressBar.tsx';

interface SessionListProps {
  enricher: Enricher;
  library: LibrarySnapshot;
  selected: string | null;
  onSelect: (sessionId: string) => void;
}

/** Every session with its state in words and its progress. */
export function SessionList({ enricher, library, selected, onSelect }: SessionListProps) {
  const reduce = useReducedMotion();
  if (library.sessions.length === 0) {
    return (
      <p className="empty">
        Your library is empty. Load the sample sessions to see what enrichment finds, or import folders of your own.
      </p>
    );
  }
  return (
    <ul className="sessions" aria-label="Sessions">
      <AnimatePresence initial={false}>
        {library.sessions.map((session) => (
          <motion.li
            key={session.id}
            layout={!reduce}
            initial={reduce ? false : { opacity: 0, y: 6 }}
            animate={{ opacity: 1, y: 0 }}
            className={`session ${selected === session.id ? 'selected' : ''}`}
            aria-label={session.title}
            data-session-id={session.id}
          >
            <SessionRow enricher={enricher} session={session} library={library} onSelect={onSelect} />
          </motion.li>
        ))}
      </AnimatePresence>
    </ul>
  );
}

function SessionRow({
  enricher,
  session,
  library,
  onSelect,
}: {
  enricher: Enricher;
  session: SessionRecord;
  library: LibrarySnapshot;
  onSelect: (sessionId: string) => void;
}) {
  const job = library.jobs.get(session.id);
  const word = stateWord(job);
  const note = stageNote(job);
  const canCancel = job && (job.state === 'queued' || job.state === 'running' || job.state === 'waiting-retry');
  return (
    <>
      <button type="button" className="session-title" onClick={() => onSelect(session.id)}>
        {session.title}
      </button>
      <span className={`chip chip-${word.toLowerCase().replace(/\s+/g, '-')}`} data-testid="state">
        {word}
      </span>
      <ProgressBar value={jobProgress(job)} label={`${session.title} progress`} className="session-bar" />
      <span className="stage-note">{note}</span>
      {canCancel ? (
        <button type="button" className="quiet" onClick={() => void enricher.run({ type: 'cancel', sessionIds: [session.id] })}>
          Cancel
        </button>
      ) : (
        <button type="button" className="quiet" onClick={() => void enricher.run({ type: 'enrich', sessionIds: [session.id], priority: 'high' })}>
          Enrich now
        </button>
      )}
    </>
  );
}
