import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OpenAI-compatible server for tests, on 127.0.0.1. Each test picks a run id and a script
 * in the base URL: `${url}/run/<id>/<script>` where the script is comma-separated steps, one per
 * request (the last one repeats): `ok`, `500`, `401`, `403`, `429-<seconds>` (with Retry-After),
 * `slow-<ms>` (answers ok after that long). `GET ${url}/run/<id>/requests` tells what it received.
 * `POST …/v1/audio/transcriptions` follows the same script (plus `loop`: an answer that repeats a
 * phrase); it reads the multipart body's WAV file, and `GET ${url}/run/<id>/transcriptions` tells
 * what it received (see `ReceivedAudio`).
 */
export interface OpenAiStub {
  url: string;
  close(): Promise<void>;
}

interface Received {
  at: number;
  authorization: string | null;
  model: string;
  chars: number;
  /** Everything the request's messages said, for tests that check what was sent. */
  content: string;
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'authorization, content-type',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  // Retry-After is not a CORS-safelisted header: without this a page or worker cannot read it.
  'Access-Control-Expose-Headers': 'Retry-After',
};

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...CORS, 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function answer(chars: number) {
  const content = JSON.stringify({ summary: `Stub summary of ${chars} characters.`, action_items: ['Send the stub report'] });
  return { id: 'stub', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** One transcription request as the stub read it. */
export interface ReceivedAudio {
  at: number;
  authorization: string | null;
  model: string | null;
  responseFormat: string | null;
  granularities: string[];
  fileName: string | null;
  fileType: string | null;
  /** From the WAV header: null when the file is not a 16-bit PCM WAV. */
  sampleRate: number | null;
  channels: number | null;
  durationSec: number | null;
  /** RMS of the samples, 0..1: silence is near 0. */
  rms: number | null;
  /** The client went away before the answer (a cancelled job). */
  aborted: boolean;
}

/** Reads a 16-bit PCM WAV with its data chunk right after a 16-byte fmt chunk (what the app sends). */
function readWav(bytes: Buffer): Pick<ReceivedAudio, 'sampleRate' | 'channels' | 'durationSec' | 'rms'> {
  const none = { sampleRate: null, channels: null, durationSec: null, rms: null };
  if (bytes.length < 44 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 36, 40) !== 'data') return none;
  if (bytes.readUInt16LE(20) !== 1 || bytes.readUInt16LE(34) !== 16) return none;
  const channels = bytes.readUInt16LE(22);
  const sampleRate = bytes.readUInt32LE(24);
  const count = Math.floor(Math.min(bytes.readUInt32LE(40), bytes.length - 44) / 2);
  let sum = 0;
  for (let i = 0; i < count; i++) sum += (bytes.readInt16LE(44 + i * 2) / 32768) ** 2;
  return { sampleRate, channels, durationSec: count / channels / sampleRate, rms: count > 0 ? Math.sqrt(sum / count) : 0 };
}

/** A verbose_json answer: one segment over the audio (heard as "Chunk <n> of <seconds> s."), or a loop. */
function heard(n: number, durationSec: number, loop: boolean) {
  const end = Math.max(0.2, durationSec - 0.1);
  const text = `Chunk ${n} of ${durationSec.toFixed(1)} s.`;
  const segments = loop
    ? [{ start: 0.1, end: end / 2, text }, ...Array.from({ length: 4 }, (_, i) => ({ start: end / 2 + i * 0.1, end: end / 2 + (i + 1) * 0.1, text: ' Thank you.' })), { start: end - 0.1, end, text: '' }]
    : [{ id: 0, start: 0.1, end, text: ` ${text}` }];
  return { task: 'transcribe', language: 'english', duration: durationSec, text: segments.map((s) => s.text).join(''), segments };
}

export async function startOpenAiStub(port = 0): Promise<OpenAiStub> {
  const runs = new Map<string, Received[]>();
  const audioRuns = new Map<string, ReceivedAudio[]>();
  const transcribe = async (req: IncomingMessage, res: ServerResponse, run: string, steps: string[]) => {
    const bytes = await readBytes(req);
    // undici (Node's fetch) parses multipart/form-data: the stub reads the body as a server would.
    const form = await new Response(new Uint8Array(bytes), { headers: { 'Content-Type': req.headers['content-type'] ?? '' } }).formData();
    const file = form.get('file');
    const wav = file instanceof Blob ? readWav(Buffer.from(await file.arrayBuffer())) : readWav(Buffer.alloc(0));
    const received = audioRuns.get(run) ?? [];
    audioRuns.set(run, received);
    const entry: ReceivedAudio = {
      at: Date.now(),
      authorization: req.headers.authorization ?? null,
      model: form.get('model') as string | null,
      responseFormat: form.get('response_format') as string | null,
      granularities: form.getAll('timestamp_granularities[]') as string[],
      fileName: file instanceof File ? file.name : null,
      fileType: file instanceof Blob ? file.type : null,
      ...wav,
      aborted: false,
    };
    received.push(entry);
    const step = steps[Math.min(received.length - 1, steps.length - 1)]!;
    const answer = () => send(res, 200, heard(received.length, wav.durationSec ?? 0, step === 'loop'));
    if (step === 'ok' || step === 'loop') return answer();
    if (step === '500') return send(res, 500, { error: { message: 'stub failure' } });
    if (step === '401' || step === '403') return send(res, Number(step), { error: { message: 'bad key' } });
    if (step.startsWith('429-')) return send(res, 429, { error: { message: 'slow down' } }, { 'Retry-After': step.slice(4) });
    if (step.startsWith('slow-')) {
      const timer = setTimeout(answer, Number(step.slice(5)));
      res.on('close', () => {
        clearTimeout(timer);
        if (!res.writableEnded) entry.aborted = true;
      });
      return;
    }
    return send(res, 400, { error: { message: `unknown step ${step}` } });
  };
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'OPTIONS') return send(res, 204, '');
      const requests = /^\/run\/([^/]+)\/requests$/.exec(req.url ?? '');
      if (req.method === 'GET' && requests) return send(res, 200, runs.get(requests[1]!) ?? []);
      const heardList = /^\/run\/([^/]+)\/transcriptions$/.exec(req.url ?? '');
      if (req.method === 'GET' && heardList) return send(res, 200, audioRuns.get(heardList[1]!) ?? []);
      const audio = /^\/run\/([^/]+)\/([^/]+)\/v1\/audio\/transcriptions$/.exec(req.url ?? '');
      if (req.method === 'POST' && audio) return transcribe(req, res, audio[1]!, audio[2]!.split(','));
      const chat = /^\/run\/([^/]+)\/([^/]+)\/v1\/chat\/completions$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !chat) return send(res, 404, { error: { message: 'not found' } });
      const body = JSON.parse(await readBody(req)) as { model: string; messages: Array<{ content: string }> };
      const received = runs.get(chat[1]!) ?? [];
      runs.set(chat[1]!, received);
      const chars = body.messages.map((m) => m.content).join('').length;
      const content = body.messages.map((m) => m.content).join('\n');
      received.push({ at: Date.now(), authorization: req.headers.authorization ?? null, model: body.model, chars, content });
      const steps = chat[2]!.split(',');
      const step = steps[Math.min(received.length - 1, steps.length - 1)]!;
      if (step === 'ok') return send(res, 200, answer(chars));
      if (step === '500') return send(res, 500, { error: { message: 'stub failure' } });
      if (step === '401' || step === '403') return send(res, Number(step), { error: { message: 'bad key' } });
      if (step.startsWith('429-')) return send(res, 429, { error: { message: 'slow down' } }, { 'Retry-After': step.slice(4) });
      if (step.startsWith('slow-')) {
        const timer = setTimeout(() => send(res, 200, answer(chars)), Number(step.slice(5)));
        res.on('close', () => clearTimeout(timer));
        return;
      }
      return send(res, 400, { error: { message: `unknown step ${step}` } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
