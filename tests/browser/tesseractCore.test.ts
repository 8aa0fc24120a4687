import { describe, expect, it } from 'vitest';
import { fastestCore } from '../../workers/ocr/tesseract.ts';

describe("tesseract's core, as the app serves it", () => {
  it('is the relaxed-SIMD LSTM build here, served as a script and a .wasm the browser compiles while it streams in', async () => {
    const core = await fastestCore();
    // Chromium has run relaxed SIMD since version 114: a lesser pick here would be a broken check.
    expect(core).toBe('relaxedsimd-lstm');
    const script = await fetch(`/ocr/tesseract-core-${core}.js`);
    expect(script.ok).toBe(true);
    // The script fetches its module by this name, beside itself.
    expect(await script.text()).toContain(`tesseract-core-${core}.wasm`);
    const wasm = await fetch(`/ocr/tesseract-core-${core}.wasm`);
    // Without this type, compileStreaming refuses the response and the core falls back to a copy.
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    const module = await WebAssembly.compileStreaming(wasm);
    expect(WebAssembly.Module.exports(module).length).toBeGreaterThan(0);
  });
});
