import type { ResultRecord } from '../../src/shared/db.ts';
import type { SummaryResult } from '../../src/shared/results.ts';
import type { SearchFilters, SessionFacts } from '../../src/shared/search.ts';
import type { SessionRecord } from '../../src/shared/session.ts';

/** Whether the summary stage found something to do: an on-device action item, or one of the provider's. */
export function hasActionItems(record: ResultRecord | undefined): boolean {
  const outcome = record?.outcomes.summary;
  if (outcome?.status !== 'done') return false;
  const summary = outcome.result as Partial<SummaryResult> | null;
  // Items stored before decisions existed have no kind: they are actions.
  if (Array.isArray(summary?.actionItems) && summary.actionItems.some((item) => item?.kind !== 'decision')) return true;
  const provider = summary?.provider;
  return provider?.status === 'done' && Array.isArray(provider.actionItems) && provider.actionItems.length > 0;
}

/** The facts the filters read, from the stored session and its result. */
export function factsOf(session: SessionRecord | undefined, record: ResultRecord | undefined): SessionFacts {
  const tags = Array.isArray(session?.tags) ? session.tags.filter((tag) => typeof tag === 'string') : [];
  const startedAt = typeof session?.startedAt === 'number' && Number.isFinite(session.startedAt) ? session.startedAt : null;
  return { startedAt, tags, hasActionItems: hasActionItems(record) };
}

/** Whether any filter narrows the search. */
export function isFiltering(filters: SearchFilters | undefined): filters is SearchFilters {
  if (!filters) return false;
  return filters.from !== undefined || filters.to !== undefined || (filters.tag ?? '') !== '' || filters.hasActionItems === true;
}

/** Whether a session of these facts passes the filters; unknown facts pass none that need them. */
export function passes(facts: SessionFacts | undefined, filters: SearchFilters): boolean {
  if (filters.from !== undefined || filters.to !== undefined) {
    const at = facts?.startedAt ?? null;
    if (at === null) return false;
    if (filters.from !== undefined && at < filters.from) return false;
    if (filters.to !== undefined && at >= filters.to) return false;
  }
  if (filters.tag && !facts?.tags.includes(filters.tag)) return false;
  if (filters.hasActionItems && !facts?.hasActionItems) return false;
  return true;
}
