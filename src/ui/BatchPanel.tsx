import type { Enricher } from '../engine/enricher.ts';
import type { LibrarySnapshot } from '../engine/libraryView.ts';
import { timeLeftInWords } from './duration.ts';
import { ProgressBar } from './ProgressBar.tsx';

/** The whole batch at a glance, with the queue's controls. */
export function BatchPanel({ enricher, library }: { enricher: Enricher; library: LibrarySnapshot }) {
  const { batch, counts, paused, sessions } = library;
  const active = counts.queued + counts.running + counts['waiting-retry'];
  const retryable = counts.failed + counts['timed-out'] + counts.partial + counts.cancelled;
  return (
    <section className="batch" aria-label="Batch">
      <div className="batch-head">
        <ProgressBar
          value={batch.total ? batch.done / batch.total : 0}
          label="Batch progress"
          valueText={`${batch.done} of ${batch.total} sessions done`}
          className="batch-bar"
        />
        <output className="batch-count" aria-live="polite">
          {batch.done}/{batch.total}
        </output>
      </div>
      <p className="batch-states">
        {counts.running} running · {counts.queued + counts['waiting-retry']} queued · {counts.succeeded} done
        {counts.partial ? ` · ${counts.partial} partly done` : ''}
        {counts.failed + counts['timed-out'] ? ` · ${counts.failed + counts['timed-out']} failed` : ''}
        {paused ? ' · paused' : ''}
        {!paused && library.etaMs !== null && library.etaMs > 0 ? ` · ${timeLeftInWords(library.etaMs)}` : ''}
        {library.role === 'follower' ? ' · another tab runs the queue' : ''}
      </p>
      <div className="toolbar">
        <button type="button" disabled={sessions.length === 0} onClick={() => void enricher.enrichAll()}>
          Enrich all
        </button>
        {paused ? (
          <button type="button" onClick={() => void enricher.run({ type: 'resume' })}>
            Resume
          </button>
        ) : (
          <button type="button" disabled={active === 0} onClick={() => void enricher.run({ type: 'pause' })}>
            Pause
          </button>
        )}
        <button type="button" disabled={active === 0} onClick={() => void enricher.run({ type: 'cancel-all' })}>
          Cancel batch
        </button>
        <button type="button" disabled={retryable === 0} onClick={() => void enricher.run({ type: 'retry-failed' })}>
          Retry failed
        </button>
      </div>
    </section>
  );
}
