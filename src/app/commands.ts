import type { Job, Priority } from '../shared/job.ts';

/** What the UI asks of the queue. A follower tab sends these to the leader over BroadcastChannel. */
export type Command =
  /**
   * `unlessEnriched` ("Enrich all"): only those of the sessions not enriched yet, as the leader's whole
   * queue and stored results say (`sessionsToEnrich`). A leader of an older version ignores the field.
   */
  | { type: 'enrich'; sessionIds: string[]; priority: Priority; unlessEnriched?: boolean }
  /** Enrich now: queue the sessions first, or move their waiting jobs to the front. */
  | { type: 'enrich-now'; sessionIds: string[] }
  | { type: 'cancel'; sessionIds: string[] }
  /** The privacy context of these sessions changed: run the stages that apply it over their stored results. */
  | { type: 'reapply-privacy'; sessionIds: string[]; priority: Priority }
  | { type: 'cancel-all' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'retry-failed' };

/** Messages between the tabs of one library. */
export type TabMessage =
  /** A follower asks the leader to run a command; the leader answers with `command-done` and its id. */
  | { kind: 'command'; id: string; command: Command }
  | { kind: 'command-done'; id: string }
  /** A tab has become leader and loaded the queue: followers send again the commands not done yet. */
  | { kind: 'leader-ready' }
  /** The leader's jobs that changed, or, after a change too big to send, `reload` (read the store once). */
  | { kind: 'jobs-changed'; jobs: Job[]; removed: string[] }
  | { kind: 'jobs-reload' }
  | { kind: 'sessions-changed' }
  | { kind: 'status'; paused: boolean };
