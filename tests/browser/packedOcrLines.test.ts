import { afterEach, describe, expect, test } from 'vitest';
import type { OcrResult } from '../../src/shared/results.ts';
import { linesOf } from '../../src/shared/screenLines.ts';
import { decodeGray } from '../../workers/ocr/grayImage.ts';
import { recognizeRect } from '../../workers/ocr/recognize.ts';
import { tesseract } from '../../workers/ocr/tesseract.ts';
import { createTestEngine, type TestEngine } from './fixtures/engine.ts';
import { pagePng } from './fixtures/images.ts';

const engines: TestEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.dispose();
});

/** Plain objects and arrays in `value`, typed arrays not counted: what a structured clone walks one by one. */
function objectsIn(value: unknown): number {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || value instanceof Blob) return 0;
  return 1 + Object.values(value).reduce<number>((sum, inner) => sum + objectsIn(inner), 0);
}

const SCREENS = 3;

function screenshot(n: number): Promise<Blob> {
  return pagePng(900, 260, 30, [
    { text: `Quarterly invoice review ${n}`, x: 24, y: 60 },
    { text: 'Ship the marmalade crates today', x: 24, y: 130 },
    { text: 'Refunds go out on Friday', x: 24, y: 200 },
  ]);
}

describe('OCR lines in the stored result', () => {
  test('a real enrichment stores them packed: no object per word, and linesOf() gives the words and boxes the reader read', async () => {
    const e = await createTestEngine();
    engines.push(e);
    await e.scheduler.start();
    const id = 'ses-packed';
    const shots = await Promise.all(Array.from({ length: SCREENS }, (_, n) => screenshot(n)));
    await e.sessions.add(
      {
        id,
        title: 'Invoices',
        source: 'import',
        startedAt: null,
        endedAt: null,
        notes: '',
        tags: [],
        screenshots: shots.map((shot, n) => ({ id: `${id}-s${n}`, name: `s${n}.png`, kind: 'image', type: 'image/png', size: shot.size, at: null })),
        audio: [],
        transcript: null,
        importedAt: Date.now(),
        warnings: [],
      },
      shots.map((blob, n) => ({ id: `${id}-s${n}`, sessionId: id, blob })),
    );
    await e.scheduler.enqueue([{ sessionId: id, timeoutMs: 60_000 }], { batchId: 'packed', stages: ['ocr'] });
    await e.scheduler.drain();
    const outcome = (await e.db.get('results', id))?.outcomes.ocr;
    expect(outcome?.status).toBe('done');
    const ocr = (outcome?.status === 'done' ? outcome.result : null) as OcrResult;
    expect(ocr.screens).toHaveLength(SCREENS);

    // A handful of objects per screen however many words it holds: objects per word fail this.
    const words = ocr.screens.reduce((sum, screen) => sum + (linesOf(screen) ?? []).flatMap((line) => line.words).length, 0);
    expect(words).toBeGreaterThanOrEqual(SCREENS * 12);
    expect(objectsIn(ocr)).toBeLessThanOrEqual(2 + 3 * SCREENS);
    for (const screen of ocr.screens) expect(screen.lines).toBeUndefined();

    // The words and boxes are those the reader gives, unchanged by the packing.
    const reader = await tesseract();
    const read = await recognizeRect(reader, await decodeGray(shots[0]!));
    expect(linesOf(ocr.screens[0]!)).toEqual(read.lines);
    expect(read.lines.map((line) => line.text)).toEqual(['Quarterly invoice review 0', 'Ship the marmalade crates today', 'Refunds go out on Friday']);
  }, 90_000);
});
