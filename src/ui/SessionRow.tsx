import { memo, type Ref } from 'react';
import { motion, useReducedMotion } from 'framer-motion';
import type { Enricher } from '../app/enricher.ts';
import type { Job } from '../shared/job.ts';
import type { SessionRecord } from '../shared/session.ts';
import { DETAIL_ID } from './detail/detailId.ts';
import { jobProgress, stageNote, stateWord } from './jobWords.ts';
import { ProgressBar } from './ProgressBar.tsx';
import { RowActions } from './RowActions.tsx';
import { RowFacts } from './RowFacts.tsx';
import { RowThumb } from './RowThumb.tsx';
import { StateChip } from './StateChip.tsx';
import { useSessionFacts } from './useSessionFacts.ts';

interface SessionRowProps {
  enricher: Enricher;
  session: SessionRecord;
  job: Job | undefined;
  selected: boolean;
  opened: boolean;
  index: number;
  top: number;
  measure: Ref<HTMLLIElement>;
  onToggle: (sessionId: string) => void;
  onOpen: (sessionId: string) => void;
}

/** One session: its picture, name, date and findings, its state and progress, and what to do with it. */
export const SessionRow = memo(function SessionRow({ enricher, session, job, selected, opened, index, top, measure, onToggle, onOpen }: SessionRowProps) {
  const reduce = useReducedMotion();
  const facts = useSessionFacts(enricher, session, job);
  const word = stateWord(job, facts?.verdict ?? null);
  const note = stageNote(job);
  const active = job?.state === 'queued' || job?.state === 'waiting-retry' || job?.state === 'running';
  return (
    <motion.li
      ref={measure}
      data-index={index}
      className={`session ${opened ? 'opened' : ''}`}
      aria-label={facts?.title ?? session.title}
      data-session-id={session.id}
      style={{ position: 'absolute', top, left: 0, right: 0 }}
      initial={reduce ? false : { opacity: 0 }}
      animate={{ opacity: 1 }}
      transition={{ duration: 0.2 }}
    >
      <input type="checkbox" aria-label={`Select ${facts?.title ?? session.title}`} checked={selected} onChange={() => onToggle(session.id)} />
      <RowThumb blob={facts?.thumbnail ?? null} />
      <div className="row-main">
        <button type="button" className="session-title" aria-current={opened ? 'true' : undefined} onClick={() => onOpen(session.id)}>
          {facts?.title ?? session.title}
        </button>
        {opened && (
          // Beside the list, the detail comes after every row in the tab order: this skips there.
          <button type="button" className="quiet skip-to-detail" onClick={() => document.getElementById(DETAIL_ID)?.focus()}>
            Go to details
          </button>
        )}
        <RowFacts session={session} facts={facts} />
        {/* Always there, hidden when idle: a row keeps its height as its job starts and ends, so the list need not re-measure. */}
        <ProgressBar value={jobProgress(job)} label={`${facts?.title ?? session.title} progress`} valueText={note || word} className={`session-bar ${active ? '' : 'idle'}`} />
        {note && <p className="stage-note">{note}</p>}
      </div>
      <div className="row-side">
        <StateChip word={word} />
        <RowActions enricher={enricher} job={job} enriched={facts?.verdict != null} sessionId={session.id} title={facts?.title ?? session.title} />
      </div>
    </motion.li>
  );
});
