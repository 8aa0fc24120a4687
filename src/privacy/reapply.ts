import type { Priority } from '../shared/job.ts';
import type { RedactionMode } from '../shared/privacy.ts';

/** What changed in the privacy context: one session's marks or "Not sensitive", or the library's setting. */
export type PrivacyChange =
  | { kind: 'session'; sessionId: string }
  | { kind: 'mode'; before: RedactionMode; after: RedactionMode };

/** Which sessions' stored results must be redacted again, and how urgently. */
export type ReapplyPlan = { scope: 'none' } | { scope: 'session'; sessionId: string; priority: Priority } | { scope: 'all'; priority: Priority };

/**
 * Stored results depend on the privacy context only with "redact everywhere" (the texts kept, the
 * thumbnails, the storyboard and the search index): a session's change matters then, and a change of
 * setting into or out of it matters for every session. Exports read the context when they are made.
 * The session someone is looking at goes first; a whole library waits behind other work.
 */
export function planReapply(change: PrivacyChange, mode: RedactionMode): ReapplyPlan {
  switch (change.kind) {
    case 'session':
      return mode === 'everywhere' ? { scope: 'session', sessionId: change.sessionId, priority: 'high' } : { scope: 'none' };
    case 'mode':
      return change.before !== change.after && (change.before === 'everywhere' || change.after === 'everywhere') ? { scope: 'all', priority: 'low' } : { scope: 'none' };
  }
}
