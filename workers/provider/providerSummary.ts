import type { ProviderHost } from '../../src/shared/provider.ts';
import { providerOrigin } from '../../src/shared/provider.ts';
import type { ProviderSummary } from '../../src/shared/results.ts';
import { chatOnce, MAX_ANSWER_TOKENS, type ChatMessage } from './chatClient.ts';
import { chunkText, estimateTokens } from './chunk.ts';
import { parseAnswer, type ModelSummary } from './parseAnswer.ts';

/** The text of a session that is sent, and nothing else (no file names, ids or pictures). */
export interface ProviderInput {
  notes: string;
  transcript: string[];
  screens: string[];
}

const INSTRUCTIONS =
  'You summarise a recorded work session from its notes, transcript and the text read from its screenshots. ' +
  'Answer with JSON only: {"summary": "three to five plain sentences", "action_items": ["one short imperative item per task"]}.';

/** The session's text in labelled sections; empty parts are left out. */
export function sessionText(input: ProviderInput): string {
  const parts: string[] = [];
  if (input.notes.trim() !== '') parts.push(`Notes:\n${input.notes.trim()}`);
  if (input.transcript.length > 0) parts.push(`Transcript:\n${input.transcript.join('\n')}`);
  const screens = input.screens.filter((s) => s.trim() !== '');
  if (screens.length > 0) parts.push(`Screen text:\n${screens.join('\n')}`);
  return parts.join('\n\n');
}

type Asked = { kind: 'ok'; answer: ModelSummary } | { kind: 'stop'; message: string };

/**
 * Asks the configured provider for a summary: one request per chunk, then one that merges the
 * chunks' summaries when there were several. Retries are decided by the host (shared breaker,
 * rate limiter and backoff); any stop falls back to the on-device summary with the reason.
 * Resolves to undefined when no provider is configured.
 */
export async function providerSummary(host: ProviderHost, input: ProviderInput, signal: AbortSignal): Promise<ProviderSummary | undefined> {
  const endpoint = await host.providerEndpoint();
  if (!endpoint) return undefined;
  const origin = providerOrigin(endpoint.url) ?? '';
  const base = { source: 'provider' as const, model: endpoint.model, origin };
  const fallback = (message: string): ProviderSummary => ({ status: 'fallback', ...base, message: `${message} The on-device summary is shown.` });
  // Offline: no request at all, no waiting for a timeout.
  if (!navigator.onLine) return fallback('You are offline, so the AI provider was skipped.');
  const text = sessionText(input);
  if (text === '') return fallback('This session has no text to send.');

  let requests = 0;
  const ask = async (messages: ChatMessage[]): Promise<Asked> => {
    const tokens = estimateTokens(messages.map((m) => m.content).join('\n')) + MAX_ANSWER_TOKENS;
    for (let attempt = 1; ; attempt++) {
      const admission = await host.providerAdmit(tokens);
      if (admission.kind === 'skip') return { kind: 'stop', message: admission.message };
      const reply = await chatOnce(endpoint, messages, signal);
      requests++;
      const verdict = await host.providerReport(attempt, reply.attempt);
      signal.throwIfAborted();
      if (verdict.kind === 'stop') return verdict;
      if (verdict.kind === 'done' && 'content' in reply) return { kind: 'ok', answer: parseAnswer(reply.content) };
    }
  };

  const chunks = chunkText(text, endpoint.contextTokens);
  const answers: ModelSummary[] = [];
  for (const [i, chunk] of chunks.entries()) {
    const part = chunks.length > 1 ? ` (part ${i + 1} of ${chunks.length})` : '';
    const asked = await ask([
      { role: 'system', content: INSTRUCTIONS },
      { role: 'user', content: `Session${part}:\n\n${chunk}` },
    ]);
    if (asked.kind === 'stop') return fallback(asked.message);
    answers.push(asked.answer);
  }
  let final = answers[0]!;
  if (answers.length > 1) {
    const merged = answers.map((a, i) => `Part ${i + 1}: ${a.summary}\nAction items: ${a.actionItems.join('; ')}`).join('\n\n');
    const asked = await ask([
      { role: 'system', content: INSTRUCTIONS },
      { role: 'user', content: `These are summaries of the parts of one session. Merge them.\n\n${merged}` },
    ]);
    if (asked.kind === 'stop') return fallback(asked.message);
    final = asked.answer;
  }
  return { status: 'done', ...base, summary: final.summary, actionItems: final.actionItems, requests };
}
