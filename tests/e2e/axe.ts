import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * The rules whose outcome depends on colours: all a second colour scheme can change, as the
 * markup, names and roles stay the same. Checked with these alone, a screen takes axe about half the
 * time (1.0–1.5 s against 1.9–3.3 s on the sample library).
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** axe's serious and critical findings on the page (or within one part of it), one line each. */
export async function seriousViolations(page: Page, within?: string, { coloursOnly = false } = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  if (within) builder = builder.include(within);
  if (coloursOnly) builder = builder.withRules(COLOUR_RULES);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
