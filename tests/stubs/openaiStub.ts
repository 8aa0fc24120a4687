import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OpenAI-compatible server for tests, on 127.0.0.1. Each test picks a run id and a script
 * in the base URL: `${url}/run/<id>/<script>` where the script is comma-separated steps, one per
 * request (the last one repeats): `ok`, `500`, `401`, `403`, `429-<seconds>` (with Retry-After),
 * `slow-<ms>` (answers ok after that long). `GET ${url}/run/<id>/requests` tells what it received.
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

export async function startOpenAiStub(port = 0): Promise<OpenAiStub> {
  const runs = new Map<string, Received[]>();
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'OPTIONS') return send(res, 204, '');
      const requests = /^\/run\/([^/]+)\/requests$/.exec(req.url ?? '');
      if (req.method === 'GET' && requests) return send(res, 200, runs.get(requests[1]!) ?? []);
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
