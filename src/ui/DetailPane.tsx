import { motion, useReducedMotion } from 'framer-motion';
import { useEffect, useRef } from 'react';
import type { Enricher } from '../app/enricher.ts';
import type { Job } from '../shared/job.ts';
import type { SessionRecord } from '../shared/session.ts';
import type { DetailFocus } from './detail/outcomes.ts';
import { SessionDetail } from './detail/SessionDetail.tsx';

interface DetailPaneProps {
  enricher: Enricher;
  session: SessionRecord | undefined;
  job: Job | undefined;
  focus: DetailFocus | null;
  /** On a narrow screen the detail is a view of its own, over the list, with a way back. */
  narrow: boolean;
  onClose: () => void;
}

/** The opened session beside the list, or (narrow) over it; a hint while none is open. */
export function DetailPane({ enricher, session, job, focus, narrow, onClose }: DetailPaneProps) {
  const reduce = useReducedMotion();
  const back = useRef<HTMLButtonElement>(null);
  const sessionId = session?.id;
  // A view that replaces the list takes the focus with it; beside the list, focus stays on the row.
  useEffect(() => {
    if (narrow && sessionId) back.current?.focus();
  }, [narrow, sessionId]);

  if (!session) {
    return narrow ? null : (
      <aside className="detail-pane detail-hint" aria-label="Session details">
        <p>Open a session to see its storyboard, chapters, speech and notes here.</p>
      </aside>
    );
  }
  return (
    <motion.div
      key={session.id}
      className={`detail-pane ${narrow ? 'detail-view' : ''}`}
      // Slides in from the side it comes from; transform only, so colours stay whole while it moves.
      initial={reduce ? false : narrow ? { x: 40 } : { y: 12 }}
      animate={{ x: 0, y: 0 }}
      transition={{ type: 'tween', ease: 'easeOut', duration: 0.18 }}
      onKeyDown={(event) => {
        if (narrow && event.key === 'Escape') onClose();
      }}
    >
      {narrow && (
        <div className="detail-bar">
          <button ref={back} type="button" className="quiet back" aria-label="Back to sessions" onClick={onClose}>
            ← Sessions
          </button>
        </div>
      )}
      <SessionDetail enricher={enricher} session={session} job={job} focus={focus} />
    </motion.div>
  );
}
