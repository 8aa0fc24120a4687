import { describe, expect, test } from 'vitest';
import { NO_FILTERS, isFiltered, libraryTags, toSearchFilters } from '../../src/ui/searchFilterForm.ts';

describe('search filter form', () => {
  test('toSearchFilters() - days are local; the To day is included up to its end', () => {
    const filters = toSearchFilters({ from: '2026-02-01', to: '2026-02-28', tag: 'design', hasActionItems: true });
    expect(filters).toEqual({ from: new Date(2026, 1, 1).getTime(), to: new Date(2026, 2, 1).getTime(), tag: 'design', hasActionItems: true });
  });

  test('toSearchFilters() - empty or unreadable controls do not narrow', () => {
    expect(toSearchFilters(NO_FILTERS)).toEqual({});
    expect(toSearchFilters({ ...NO_FILTERS, from: '2026-13' })).toEqual({});
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, hasActionItems: true })).toBe(true);
  });

  test('libraryTags() - each tag once, sorted, blanks left out', () => {
    expect(libraryTags([{ tags: ['sales', 'design'] }, { tags: ['design', ' '] }, { tags: [] }])).toEqual(['design', 'sales']);
  });
});
