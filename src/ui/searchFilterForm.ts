import type { SearchFilters } from '../shared/search.ts';

/** What the filter controls under the search field hold, as the form shows it. */
export interface FilterForm {
  /** `yyyy-mm-dd` (a date input's value) or ''. */
  from: string;
  /** `yyyy-mm-dd` or '': this day is included. */
  to: string;
  /** A tag of the library, or '' for any. */
  tag: string;
  hasActionItems: boolean;
}

export const NO_FILTERS: FilterForm = { from: '', to: '', tag: '', hasActionItems: false };

/** Local midnight of a `yyyy-mm-dd` day, `plusDays` later; undefined when not a date. */
function localDay(value: string, plusDays = 0): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays).getTime();
  return Number.isNaN(at) ? undefined : at;
}

/** The filters to search with: days in the user's time zone, the To day included. */
export function toSearchFilters(form: FilterForm): SearchFilters {
  const from = localDay(form.from);
  const to = localDay(form.to, 1);
  return {
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(form.tag ? { tag: form.tag } : {}),
    ...(form.hasActionItems ? { hasActionItems: true } : {}),
  };
}

/** Whether any control narrows the search. */
export function isFiltered(form: FilterForm): boolean {
  return Object.keys(toSearchFilters(form)).length > 0;
}

/** Every tag of the library, once, in alphabetical order: the tag select's options. */
export function libraryTags(sessions: ReadonlyArray<{ tags: readonly string[] }>): string[] {
  const tags = new Set<string>();
  for (const session of sessions) for (const tag of session.tags) if (tag.trim()) tags.add(tag);
  return [...tags].sort((a, b) => a.localeCompare(b));
}
