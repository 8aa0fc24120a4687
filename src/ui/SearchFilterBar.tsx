import { useId } from 'react';
import type { FilterForm } from './searchFilterForm.ts';
import { NO_FILTERS, isFiltered } from './searchFilterForm.ts';

interface SearchFilterBarProps {
  form: FilterForm;
  tags: readonly string[];
  onChange: (form: FilterForm) => void;
}

/** Compact filters under the search field: a date range, a tag, and sessions with action items. */
export function SearchFilterBar({ form, tags, onChange }: SearchFilterBarProps) {
  const id = useId();
  const set = (change: Partial<FilterForm>) => onChange({ ...form, ...change });
  // Labels beside (not around) their controls, so that a select's options do not join its name.
  return (
    <div className="search-filters" role="group" aria-label="Filters">
      <span className="search-filter">
        <label htmlFor={`${id}-from`}>From</label>
        <input id={`${id}-from`} type="date" value={form.from} max={form.to || undefined} onChange={(event) => set({ from: event.currentTarget.value })} />
      </span>
      <span className="search-filter">
        <label htmlFor={`${id}-to`}>To</label>
        <input id={`${id}-to`} type="date" value={form.to} min={form.from || undefined} onChange={(event) => set({ to: event.currentTarget.value })} />
      </span>
      <span className="search-filter">
        <label htmlFor={`${id}-tag`}>Tag</label>
        <select id={`${id}-tag`} value={form.tag} onChange={(event) => set({ tag: event.currentTarget.value })}>
          <option value="">Any</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </span>
      <span className="search-filter">
        <input id={`${id}-todo`} type="checkbox" checked={form.hasActionItems} onChange={(event) => set({ hasActionItems: event.currentTarget.checked })} />
        <label htmlFor={`${id}-todo`}>Has action items</label>
      </span>
      {isFiltered(form) && (
        <button type="button" className="quiet" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </button>
      )}
    </div>
  );
}
