import type { ProviderSummary } from '../../shared/results.ts';

/** The AI provider's summary, marked as such, or why the on-device one stands alone. */
export function ProviderSummaryView({ provider }: { provider: ProviderSummary }) {
  if (provider.status === 'fallback') {
    return (
      <p className="provider-note" role="note">
        {provider.message}
      </p>
    );
  }
  return (
    <section aria-label="Summary from the AI provider" className="provider-summary">
      <h4>
        From the AI provider <span className="meta">({provider.model} at {provider.origin})</span>
      </h4>
      <p>{provider.summary}</p>
      {provider.actionItems.length > 0 && (
        <ul className="actions" aria-label="Action items from the AI provider">
          {provider.actionItems.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
