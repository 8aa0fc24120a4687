import { motion, useReducedMotion } from 'framer-motion';
import { lazy, Suspense, useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { Enricher } from '../app/enricher.ts';
import type { Job } from '../shared/job.ts';
import type { SessionRecord } from '../shared/session.ts';
import { DETAIL_ID } from './detail/detailId.ts';
import type { DetailFocus } from './detail/outcomes.ts';

// The detail (timeline, storyboard, the notes' Markdown: a fifth of the page's script) is fetched
// once the list has shown, not before it: every visit's first paint comes 40 ms sooner (docs/benchmarks.md).
const loadDetail = () => import('./detail/SessionDetail.tsx');
const SessionDetail = lazy(async () => ({ default: (await loadDetail()).SessionDetail }));

/** Gives the detail the focus its stand-in had ("Go to details" pressed before its code arrived). */
function FocusOnArrival({ wanted }: { wanted: RefObject<boolean> }) {
  useLayoutEffect(() => {
    if (!wanted.current) return;
    wanted.current = false;
    document.getElementById(DETAIL_ID)?.focus();
  }, [wanted]);
  return null;
}

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
  const focusWanted = useRef(false);
  const sessionId = session?.id;
  useEffect(() => {
    void loadDetail();
  }, []);
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
      <Suspense
        fallback={
          <article id={DETAIL_ID} tabIndex={-1} className="detail detail-loading" aria-label={`Details of ${session.title}`} aria-busy="true" onFocus={() => (focusWanted.current = true)}>
            Opening…
          </article>
        }
      >
        <SessionDetail enricher={enricher} session={session} job={job} focus={focus} />
        <FocusOnArrival wanted={focusWanted} />
      </Suspense>
    </motion.div>
  );
}
