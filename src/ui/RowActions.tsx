import type { Enricher } from '../app/enricher.ts';
import type { Job } from '../shared/job.ts';

/** What a row offers, by its job: never enriched or waiting, enriched before, or in the queue now. */
type RowOffer = { enrich: 'Enrich now' | 'Enrich again' | null; cancel: boolean };

/** `enriched`: the session has a stored result (with no job left, retention removed it). */
function offerFor(job: Job | undefined, enriched: boolean): RowOffer {
  switch (job?.state) {
    case undefined:
      return { enrich: enriched ? 'Enrich again' : 'Enrich now', cancel: false };
    case 'queued':
    case 'waiting-retry':
      return { enrich: 'Enrich now', cancel: true };
    case 'running':
      return { enrich: null, cancel: true };
    default:
      return { enrich: 'Enrich again', cancel: false };
  }
}

interface RowActionsProps {
  enricher: Enricher;
  job: Job | undefined;
  enriched: boolean;
  sessionId: string;
  title: string;
}

export function RowActions({ enricher, job, enriched, sessionId, title }: RowActionsProps) {
  const offer = offerFor(job, enriched);
  return (
    <span className="row-actions">
      {offer.enrich && (
        <button
          type="button"
          className="quiet"
          aria-label={`${offer.enrich}: ${title}`}
          onClick={() => void enricher.run({ type: 'enrich-now', sessionIds: [sessionId] })}
        >
          {offer.enrich}
        </button>
      )}
      {offer.cancel && (
        <button type="button" className="quiet" aria-label={`Cancel ${title}`} onClick={() => void enricher.run({ type: 'cancel', sessionIds: [sessionId] })}>
          Cancel
        </button>
      )}
    </span>
  );
}
