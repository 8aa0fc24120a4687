import { describe, expect, test } from 'vitest';
import type { SummaryResult, TranscriptResult } from '../../src/shared/results.ts';
import { enricherFactory } from './fixtures/enrichers.ts';
import { makeSession } from './fixtures/sessions.ts';
import { waitFor } from './fixtures/waitFor.ts';
import { readStoredJobsOfSession } from '../../src/shared/runningJobs.ts';

const createWorker = () =>
  new Worker(new URL('./fixtures/withoutOcr.worker.ts', import.meta.url), { type: 'module', name: 'without-ocr' });

const openEnricher = enricherFactory();

const VTT = [
  'WEBVTT',
  '00:00:00.500 --> 00:00:01.500\n<v Sam>We need to renew the pelican contract.',
  '00:00:02.000 --> 00:00:02.600\n<v Alex>Agreed.',
].join('\n\n');

describe('enriched sessions become searchable', () => {
  test('a finished job is indexed in the leader tab; enricher.search() finds it by notes and transcript', async () => {
    const enricher = await openEnricher({ createWorker, options: { concurrency: 1 } });

    const { session, media } = await makeSession();
    session.notes = 'Vendor sync.\n\n- [ ] Send the walrus invoice\n';
    const blob = new Blob([VTT], { type: 'text/vtt' });
    session.transcript = { id: `${session.id}-t`, name: 'call.vtt', kind: 'transcript', type: blob.type, size: blob.size, at: null };
    media.push({ id: `${session.id}-t`, sessionId: session.id, blob });
    await enricher.sessions.add(session, media);
    enricher.view.addSession(session);

    await enricher.run({ type: 'enrich', sessionIds: [session.id], priority: 'normal' });
    await enricher.drain();
    // Without an OCR stage in this worker, the job ends partial: its other results still count.
    const [job] = await readStoredJobsOfSession(enricher.db, session.id);
    expect(job?.state).toBe('partial');
    const result = await enricher.sessions.result(session.id);
    const transcript = result?.outcomes.transcript;
    expect(transcript?.status === 'done' && (transcript.result as TranscriptResult).cues).toHaveLength(2);
    const summary = result?.outcomes.summary;
    expect(summary?.status === 'done' && (summary.result as SummaryResult).actionItems.map((item) => item.text)).toEqual([
      'Send the walrus invoice',
      'We need to renew the pelican contract',
    ]);

    const [fromNotes] = await waitFor(async () => {
      const hits = await enricher.search('walrus');
      return hits.length > 0 && hits;
    }, { what: 'the session in the search index' });
    expect(fromNotes).toMatchObject({ sessionId: session.id, kind: 'session', title: session.title });
    const [spoken] = await enricher.search('pelican');
    expect(spoken).toMatchObject({ sessionId: session.id, kind: 'cue', time: 0.5 });
  });
});
