import type { SummaryResult } from '../../shared/results.ts';
import { ProviderSummaryView } from './ProviderSummaryView.tsx';

/** Keywords, the summary sentences and the action items of a session; the AI provider's beside them when on. */
export function SummaryView({ summary }: { summary: SummaryResult }) {
  return (
    <section aria-label="Summary">
      <h3>Summary</h3>
      {summary.keywords.length > 0 && (
        <ul className="keywords" aria-label="Keywords">
          {summary.keywords.map((keyword) => (
            <li key={keyword}>{keyword}</li>
          ))}
        </ul>
      )}
      {summary.sentences.map((sentence, i) => (
        <p key={i}>{sentence}</p>
      ))}
      {summary.actionItems.length > 0 && (
        <>
          <h4>Action items</h4>
          <ul className="actions" aria-label="Action items">
            {summary.actionItems.map((item, i) => (
              <li key={i} className={item.done ? 'done' : ''}>
                {item.text} <span className="meta">({item.source})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {summary.provider && <ProviderSummaryView provider={summary.provider} />}
    </section>
  );
}
