import { memo } from 'react';
import { motion, useReducedMotion } from 'framer-motion';
import type { Enricher } from '../app/enricher.ts';
import type { Job } from '../shared/job.ts';
import type { SessionRecord } from '../shared/session.ts';
import { jobProgress, stageNote, stateWord } from './jobWords.ts';
import { ProgressBar } from './ProgressBar.tsx';

interface SessionRowProps {
  enricher: Enricher;
  session: SessionRecord;
  job: Job | undefined;
  selected: boolean;
  opened: boolean;
  top: number;
  height: number;
  onToggle: (sessionId: string) => void;
  onOpen: (sessionId: string) => void;
}

/** One session: select it, open it, see its state and progress, enrich it now or cancel it. */
export const SessionRow = memo(function SessionRow({ enricher, session, job, selected, opened, top, height, onToggle, onOpen }: SessionRowProps) {
  const reduce = useReducedMotion();
  const word = stateWord(job);
  const note = stageNote(job);
  const waiting = job?.state === 'queued' || job?.state === 'waiting-retry';
  const active = waiting || job?.state === 'running';
  return (
    <motion.li
      className={`session ${opened ? 'opened' : ''}`}
      aria-label={session.title}
      data-session-id={session.id}
      style={{ position: 'absolute', top, left: 0, right: 0, height }}
      initial={reduce ? false : { opacity: 0 }}
      animate={{ opacity: 1 }}
      transition={{ duration: 0.2 }}
    >
      <input type="checkbox" aria-label={`Select ${session.title}`} checked={selected} onChange={() => onToggle(session.id)} />
      <button type="button" className="session-title" onClick={() => onOpen(session.id)}>
        {session.title}
      </button>
      <span className={`chip chip-${word.toLowerCase().replace(/\s+/g, '-')}`} data-testid="state">
        {word}
      </span>
      <ProgressBar value={jobProgress(job)} label={`${session.title} progress`} valueText={note || word} className="session-bar" />
      <span className="stage-note" title={note}>
        {note}
      </span>
      <span className="row-actions">
        {(waiting || !active) && (
          <button
            type="button"
            className="quiet"
            aria-label={`Enrich now: ${session.title}`}
            onClick={() => void enricher.run({ type: 'enrich-now', sessionIds: [session.id] })}
          >
            Enrich now
          </button>
        )}
        {active && (
          <button
            type="button"
            className="quiet"
            aria-label={`Cancel ${session.title}`}
            onClick={() => void enricher.run({ type: 'cancel', sessionIds: [session.id] })}
          >
            Cancel
          </button>
        )}
      </span>
    </motion.li>
  );
});
