import { afterEach, describe, expect, test } from 'vitest';
import { exportSessionFiles } from '../../src/export/exportClient.ts';
import type { ResultRecord } from '../../src/shared/db.ts';
import { PRIVACY_META_KEY, type RedactResult } from '../../src/shared/privacy.ts';
import type { Enrichment } from '../../src/shared/export.ts';
import type { OcrLine, OcrResult } from '../../src/shared/results.ts';
import { createTestEngine, type TestEngine } from './fixtures/engine.ts';
import { pagePng } from './fixtures/images.ts';

const engines: TestEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.dispose();
});

const EMAIL = 'dana.park@example.org';
const EMAIL_BOX = { left: 140, top: 108, width: 310, height: 28 };

/** OCR lines as results stored them before they were packed: objects per line and per word. */
const OLD_LINES: OcrLine[] = [
  { text: 'Customer profile', box: { left: 24, top: 38, width: 240, height: 28 }, words: [
    { text: 'Customer', box: { left: 24, top: 38, width: 140, height: 28 }, confidence: 95.2 },
    { text: 'profile', box: { left: 172, top: 38, width: 92, height: 28 }, confidence: 94.8 },
  ] },
  { text: `Contact ${EMAIL} today`, box: { left: 24, top: 108, width: 520, height: 28 }, words: [
    { text: 'Contact', box: { left: 24, top: 108, width: 108, height: 28 }, confidence: 93.1 },
    { text: EMAIL, box: EMAIL_BOX, confidence: 90.4 },
    { text: 'today', box: { left: 458, top: 108, width: 86, height: 28 }, confidence: 96 },
  ] },
];

/** A session with one screenshot and a result stored before OCR lines were packed (no redact stage yet). */
async function storedBeforePacking(mode: 'exports' | 'everywhere'): Promise<{ e: TestEngine; id: string }> {
  const e = await createTestEngine();
  engines.push(e);
  await e.db.put('meta', { mode }, PRIVACY_META_KEY);
  const id = 'ses-old-lines';
  const shot = await pagePng(900, 220, 30, [{ text: 'Customer profile', x: 24, y: 60 }]);
  await e.sessions.add(
    {
      id,
      title: 'Profile review',
      source: 'import',
      startedAt: null,
      endedAt: null,
      notes: '',
      tags: [],
      screenshots: [{ id: `${id}-s1`, name: 'profile.png', kind: 'image', type: 'image/png', size: shot.size, at: null }],
      audio: [],
      transcript: null,
      importedAt: Date.now(),
      warnings: [],
    },
    [{ id: `${id}-s1`, sessionId: id, blob: shot }],
  );
  const ocr: OcrResult = { screens: [{ mediaId: `${id}-s1`, text: OLD_LINES.map((line) => line.text).join('\n'), confidence: 93.9, lines: OLD_LINES }] };
  const record: ResultRecord = { sessionId: id, jobId: 'job-old', attempt: 1, committedAt: Date.now() - 60_000, outcomes: { ocr: { status: 'done', result: ocr, ms: 1 } } };
  await e.db.put('results', record);
  return { e, id };
}

describe('a result stored with OCR lines as objects, before they were packed', () => {
  test('exports redacted: the e-mail on its screen is found from its stored words', async () => {
    const { e, id } = await storedBeforePacking('exports');
    const { files } = await exportSessionFiles(id, e.dbName);
    const json = await files.find((f) => f.name === 'enrichment.json')!.blob.text();
    const report = await files.find((f) => f.name === 'report.md')!.blob.text();
    expect(json).not.toContain(EMAIL);
    expect(report).not.toContain(EMAIL);
    expect(json).toContain('Customer profile');
    expect((JSON.parse(json) as Enrichment).redaction?.redacted).toEqual({ email: 1 });
  });

  test('is redacted again by a privacy pass: the finding keeps the stored word\'s box, the screen text shown is redacted', async () => {
    const { e, id } = await storedBeforePacking('everywhere');
    await e.scheduler.start();
    await e.scheduler.enqueue([{ sessionId: id, timeoutMs: 30_000 }], { batchId: 'privacy', stages: ['redact'], kind: 'reapply-privacy' });
    await e.scheduler.drain();
    const outcomes = (await e.db.get('results', id))!.outcomes;
    expect(outcomes.redact?.status).toBe('done');
    const redact = (outcomes.redact?.status === 'done' ? outcomes.redact.result : null) as RedactResult;
    const email = redact.findings.find((f) => f.kind === 'email');
    expect(email?.place).toMatchObject({ source: 'screen', mediaId: `${id}-s1`, boxes: [EMAIL_BOX] });
    expect(redact.shown?.screens[`${id}-s1`]).toBe('Customer profile\nContact [email] today');
    // The old OCR outcome is kept as it was: no migration.
    const ocr = (outcomes.ocr?.status === 'done' ? outcomes.ocr.result : null) as OcrResult;
    expect(ocr.screens[0]!.lines).toEqual(OLD_LINES);
  });
});
