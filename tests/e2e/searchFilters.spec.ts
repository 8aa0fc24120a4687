import { expect, test, type Page } from '@playwright/test';
import { loadSamples } from './helpers.ts';
import { seriousViolations } from './axe.ts';

interface Sample {
  id: string;
  title: string;
  startedAt: number;
  tags: string[];
  /** Whether the seeded summary gives it an action item. */
  todo: boolean;
}

/**
 * Stores a result for each sample session as enrichment would (its 'index' documents and a summary,
 * with an action item for every third session), so that the real search worker indexes the real
 * sample sessions on the first search without the minutes a full enrichment takes.
 */
function seedResults(page: Page): Promise<Sample[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('session-enricher');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const sessions = await new Promise<Array<{ id: string; title: string; startedAt: number; tags: string[]; notes: string }>>((resolve, reject) => {
      const request = db.transaction('sessions').objectStore('sessions').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    sessions.sort((a, b) => a.startedAt - b.startedAt);
    const tx = db.transaction('results', 'readwrite');
    const samples = sessions.map((session, i) => {
      const todo = i % 3 === 0;
      const documents = [
        { id: `${session.id}:session:0`, sessionId: session.id, kind: 'session', title: session.title, text: `Meeting notes. ${session.notes}`, keywords: [], chapter: null, time: null },
      ];
      const summary = { keywords: [], sentences: [], chapters: [], actionItems: todo ? [{ text: 'Send the notes', source: 'notes', done: false, kind: 'action' }] : [] };
      tx.objectStore('results').put({
        sessionId: session.id,
        jobId: `seed-${session.id}`,
        attempt: 1,
        committedAt: 1,
        outcomes: { summary: { status: 'done', result: summary, ms: 0 }, index: { status: 'done', result: { documents }, ms: 0 } },
      });
      return { id: session.id, title: session.title, startedAt: session.startedAt, tags: session.tags, todo };
    });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    return samples;
  });
}

const sorted = (titles: string[]) => [...titles].sort();
const listedTitles = (page: Page) => page.getByRole('list', { name: 'Search results' }).locator('.hit-session').allTextContents();

/** A day as a date input takes it, in the page's time zone. */
const localDay = (page: Page, at: number) =>
  page.evaluate((ms) => {
    const d = new Date(ms);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }, at);

test('search filters narrow the sample sessions by tag, action items and dates; Tab reaches them, the down arrow still reaches the hits', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await loadSamples(page);
  const samples = await seedResults(page);
  const filters = page.getByRole('group', { name: 'Filters' });
  const expectListed = async (wanted: Sample[]) => expect.poll(async () => sorted(await listedTitles(page)), { timeout: 20_000 }).toEqual(sorted(wanted.map((s) => s.title)));

  // A tag alone lists its sessions, newest first, and says so.
  const tag = samples[0]!.tags[0]!;
  await filters.getByLabel('Tag', { exact: true }).selectOption(tag);
  await expectListed(samples.filter((s) => s.tags.includes(tag)));
  await expect(page.getByText('Enriched sessions that match the filters, newest first.')).toBeVisible();

  // Words within the tag: the other sessions' notes match the word too, but are left out.
  await page.getByLabel('Search sessions').fill('meeting');
  await expectListed(samples.filter((s) => s.tags.includes(tag)));
  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expectListed(samples);

  await filters.getByLabel('Has action items', { exact: true }).check();
  await expectListed(samples.filter((s) => s.todo));
  await filters.getByLabel('Has action items', { exact: true }).uncheck();

  // From the third sample's day to the fifth's, both days included.
  await filters.getByLabel('From', { exact: true }).fill(await localDay(page, samples[2]!.startedAt));
  await filters.getByLabel('To', { exact: true }).fill(await localDay(page, samples[4]!.startedAt));
  await expectListed(samples.slice(2, 5));

  // Keyboard: Tab from the field reaches the filters; the down arrow goes to the hits.
  const field = page.getByLabel('Search sessions');
  await field.focus();
  await page.keyboard.press('Tab');
  await expect(filters.getByLabel('From', { exact: true })).toBeFocused();
  await field.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('button').first()).toBeFocused();

  // The controls fit a phone and a desktop (nothing wider than the page) and pass axe.
  for (const width of [390, 1440]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    const box = (await filters.boundingBox())!;
    expect(box.x + box.width, `${width} px: filters within the page`).toBeLessThanOrEqual(width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${width} px: no sideways scroll`).toBeLessThanOrEqual(width);
    expect(await seriousViolations(page, '.search'), `${width} px: axe`).toEqual([]);
  }
});
