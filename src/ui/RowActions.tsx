import type { Enricher } from '../app/enricher.ts';
import type { Job } from '../shared/job.ts';

/** What a row offers, by its job: never enriched or waiting, enriched before, or in the queue now. */
type RowOffer = { enrich: 'Enrich now' | 'Enrich again' | null; cancel: boolean };

function offerFor(job: Job | undefined): RowOffer {
  switch (job?.state) {
    case undefined:
      return { enrich: 'Enrich now', cancel: false };
    case 'queued':
    case 'waiting-retry':
      return { enrich: 'Enrich now', cancel: true };
    case 'running':
      return { enrich: null, cancel: true };
    default:
      return { enrich: 'Enrich again', cancel: false };
  }
}

export function RowActions({ enricher, job, sessionId, title }: { enricher: Enricher; job: Job | undefined; sessionId: string; title: string }) {
  const offer = offerFor(job);
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
