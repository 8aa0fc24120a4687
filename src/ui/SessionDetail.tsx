import { useEffect, useState } from 'react';
import type { Enricher } from '../engine/enricher.ts';
import type { ResultRecord } from '../shared/db.ts';
import type { Job } from '../shared/job.ts';
import { STAGE_LABELS } from '../shared/pipeline.ts';
import type { AudioStageResult, ChaptersResult } from '../shared/results.ts';
import type { SessionRecord } from '../shared/session.ts';
import { stateWord } from './jobWords.ts';

/** What enrichment found in one session, read from IndexedDB when the session or its job changes. */
export function SessionDetail({ enricher, session, job }: { enricher: Enricher; session: SessionRecord; job: Job | undefined }) {
  const [result, setResult] = useState<ResultRecord | undefined>();
  const committedKey = job ? `${job.id}:${job.state}:${job.attempts}` : 'none';
  useEffect(() => {
    let live = true;
    void enricher.sessions.result(session.id).then((record) => live && setResult(record));
    return () => {
      live = false;
    };
  }, [enricher, session.id, committedKey]);

  const audio = result?.outcomes.audio?.status === 'done' ? (result.outcomes.audio.result as AudioStageResult) : null;
  const chapters = result?.outcomes.chapters?.status === 'done' ? (result.outcomes.chapters.result as ChaptersResult) : null;
  return (
    <article className="detail" aria-label={`Details of ${session.title}`}>
      <h2>{session.title}</h2>
      <p className="meta">
        {session.screenshots.length} screenshots · {session.audio.length} recordings · {stateWord(job)}
        {session.startedAt ? ` · ${new Date(session.startedAt).toLocaleString()}` : ''}
      </p>
      {session.warnings.length > 0 && (
        <ul className="warnings">
          {session.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <ul className="stages" aria-label="Stages">
        {Object.entries(result?.outcomes ?? {}).map(([stage, outcome]) => (
          <li key={stage}>
            <strong>{STAGE_LABELS[stage] ?? stage}</strong>:{' '}
            {outcome.status === 'done' ? 'done' : outcome.status === 'failed' ? outcome.error.message : outcome.message}
          </li>
        ))}
      </ul>
      {audio && (
        <section aria-label="Speech">
          <h3>Speech</h3>
          <p data-testid="speech-summary">
            {audio.speechSec.toFixed(1)} s of speech in {audio.recordings.reduce((n, r) => n + r.segments.length, 0)} segments
          </p>
        </section>
      )}
      {chapters && (
        <section aria-label="Chapters">
          <h3>Chapters</h3>
          <p data-testid="chapters-summary">
            {chapters.chapters.length} chapters over {chapters.screens.length} screenshots
          </p>
          <ol>
            {chapters.chapters.map((chapter) => (
              <li key={chapter.index}>
                Screens {chapter.firstScreen + 1}–{chapter.lastScreen + 1}
              </li>
            ))}
          </ol>
        </section>
      )}
      {session.notes && (
        <section aria-label="Notes">
          <h3>Notes</h3>
          <pre className="notes">{session.notes}</pre>
        </section>
      )}
    </article>
  );
}
