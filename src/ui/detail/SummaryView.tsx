import type { ActionItem, SummaryResult } from '../../shared/results.ts';
import { ProviderSummaryView } from './ProviderSummaryView.tsx';
import { clock } from '../../shared/clock.ts';

/** Owner, due date, moment and source of an item: what is known, briefly. */
function details(item: ActionItem): string {
  return [item.owner, item.due && `due ${item.due}`, item.at !== undefined && `at ${clock(item.at)}`, item.source].filter(Boolean).join(' · ');
}

function ItemList({ label, items }: { label: string; items: ActionItem[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h4>{label}</h4>
      <ul className="actions" aria-label={label}>
        {items.map((item, i) => (
          <li key={i} className={item.done ? 'done' : ''}>
            {item.text} <span className="meta">({details(item)})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Keywords, the summary sentences, the action items and the decisions of a session; the AI provider's beside them when on. */
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
      {/* Results stored before decisions existed have no kind: they are actions. */}
      <ItemList label="Action items" items={summary.actionItems.filter((item) => item.kind !== 'decision')} />
      <ItemList label="Decisions" items={summary.actionItems.filter((item) => item.kind === 'decision')} />
      {summary.provider && <ProviderSummaryView provider={summary.provider} />}
    </section>
  );
}
