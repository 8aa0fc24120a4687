import { afterEach, describe, expect, test } from 'vitest';
import { exportSessionFiles } from '../../src/export/exportClient.ts';
import { importSessions } from '../../src/import/importSessions.ts';
import type { Enrichment } from '../../src/shared/export.ts';
import { createTestEngine, type TestEngine } from './fixtures/engine.ts';
import { fixturePicked } from './fixtures/fixtureSessions.ts';

const engines: TestEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.dispose();
});

describe('the exported job of a session after a privacy pass', () => {
  test('is its enrichment, partly done, not the pass that succeeded over its result', async () => {
    const e = await createTestEngine();
    engines.push(e);
    await e.scheduler.start();
    const { imported } = await importSessions(await fixturePicked(), e.sessions);
    const session = imported[0]!;
    // Enriched partly: one stage done, one failed for good.
    const [enrich] = await e.scheduler.enqueue([{ sessionId: session.id, timeoutMs: 60_000 }], { batchId: 'b', stages: ['chapters', 'test.throw'] });
    await e.scheduler.drain();
    expect(e.scheduler.get(enrich!.id)?.state).toBe('partial');
    // "Redact everywhere" turned on: a privacy pass over the stored result, which succeeds.
    const [pass] = await e.scheduler.enqueue([{ sessionId: session.id, timeoutMs: 60_000 }], { batchId: 'privacy', stages: ['test.ok'], kind: 'reapply-privacy' });
    await e.scheduler.drain();
    expect(e.scheduler.get(pass!.id)?.state).toBe('succeeded');

    const { files } = await exportSessionFiles(session.id, e.dbName);
    const enrichment = JSON.parse(await files.find((file) => file.name === 'enrichment.json')!.blob.text()) as Enrichment;
    expect(enrichment.job?.state).toBe('partial');
  });
});
