/**
 * Stages and the sample generator are worker code; many browser tests run them on the test page's
 * main thread. There Chromium's convertToBlob() encodes only in an idle period of the thread, or
 * after a 1 s fallback, and in a long browser-test run those idle periods can stop coming: each
 * picture then cost a second of waiting with the CPU idle (a sample session about ten seconds).
 * On the main thread only, pictures are handed to a worker that encodes them with the same
 * browser encoder, so the bytes are those the stages make in the app's own workers.
 */
const worker = new Worker(new URL('./fixtures/encode.worker.ts', import.meta.url), { type: 'module' });
const waiting = new Map<number, { resolve: (blob: Blob) => void; reject: (error: Error) => void }>();
let next = 0;
worker.onmessage = (event: MessageEvent<{ id: number; blob?: Blob; error?: string }>) => {
  const { id, blob, error } = event.data;
  const entry = waiting.get(id);
  waiting.delete(id);
  if (blob) entry?.resolve(blob);
  else entry?.reject(new DOMException(error ?? 'The picture could not be encoded.', 'EncodingError'));
};

OffscreenCanvas.prototype.convertToBlob = async function convertToBlob(this: OffscreenCanvas, options?: ImageEncodeOptions): Promise<Blob> {
  const bitmap = await createImageBitmap(this);
  const id = next++;
  return new Promise<Blob>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, bitmap, options }, [bitmap]);
  });
};
