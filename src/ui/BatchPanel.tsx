import type { Enricher } from '../app/enricher.ts';
import type { LibrarySnapshot } from '../app/libraryView.ts';
import { exportAll } from '../export/exportClient.ts';
import { timeLeftInWords } from './duration.ts';
import { ProgressBar } from './ProgressBar.tsx';
import { StageSteps } from './StageSteps.tsx';
import { askForNotifications } from './useBatchNotice.ts';

interface BatchPanelProps {
  enricher: Enricher;
  library: LibrarySnapshot;
  selected: ReadonlySet<string>;
}

/** The whole batch at a glance, the running sessions' stages, and the queue's controls. */
export function BatchPanel({ enricher, library, selected }: BatchPanelProps) {
  const { batch, counts, paused, sessions } = library;
  const active = counts.queued + counts.running + counts['waiting-retry'];
  const retryable = counts.failed + counts['timed-out'] + counts.partial + counts.cancelled + library.failedStored;
  const { running } = library;
  const eta = !paused && library.etaMs !== null && library.etaMs > 0 ? timeLeftInWords(library.etaMs) : null;
  return (
    <section className="batch" aria-label="Batch">
      <div className="batch-head">
        <ProgressBar
          value={batch.total ? batch.done / batch.total : 0}
          label="Batch progress"
          valueText={`${batch.done} of ${batch.total} sessions done`}
          className="batch-bar"
        />
        <output className="batch-count">
          {batch.done}/{batch.total}
        </output>
      </div>
      <p className="batch-states">
        {counts.running} running · {counts.queued + counts['waiting-retry']} queued · {counts.succeeded} done
        {counts.partial ? ` · ${counts.partial} partly done` : ''}
        {counts.failed + counts['timed-out'] ? ` · ${counts.failed + counts['timed-out']} failed` : ''}
        {counts.cancelled ? ` · ${counts.cancelled} cancelled` : ''}
        {paused ? ' · paused' : ''}
        {eta ? ` · ${eta}` : ''}
        {library.role === 'follower' ? ' · another tab runs the queue' : ''}
      </p>
      {library.storageFull > 0 && (
        <p role="alert" className="storage-full">
          Storage is full: {library.storageFull === 1 ? '1 session' : `${library.storageFull} sessions`} could not be saved. The
          results saved before are kept. Free some space on this device (remove sessions you no longer need, or other sites&apos;
          data), then press &ldquo;Retry failed&rdquo;.
        </p>
      )}
      <div className="toolbar">
        <button
          type="button"
          disabled={sessions.length === 0}
          onClick={() => {
            askForNotifications();
            void enricher.enrichAll();
          }}
        >
          Enrich all
        </button>
        <button
          type="button"
          disabled={selected.size === 0}
          onClick={() => void enricher.run({ type: 'enrich', sessionIds: [...selected], priority: 'normal' })}
        >
          Enrich selected
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
        <button type="button" aria-label="Export all" disabled={sessions.length === 0} onClick={() => void exportAll(enricher.db.name)}>
          Export all
        </button>
      </div>
      {running.length > 0 && (
        <ul className="running" aria-label="Running sessions">
          {running.map(({ job, title }) => (
            <li key={job.id}>
              <span className="running-title">{title}</span>
              <StageSteps job={job} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
