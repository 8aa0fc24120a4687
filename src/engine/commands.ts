import type { Priority } from '../shared/job.ts';

/** What the UI asks of the queue. A follower tab sends these to the leader over BroadcastChannel. */
export type Command =
  | { type: 'enrich'; sessionIds: string[]; priority: Priority }
  /** Enrich now: queue the sessions first, or move their waiting jobs to the front. */
  | { type: 'enrich-now'; sessionIds: string[] }
  | { type: 'cancel'; sessionIds: string[] }
  | { type: 'cancel-all' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'retry-failed' };

/** Messages between the tabs of one library. */
export type TabMessage =
  | { kind: 'command'; command: Command }
  | { kind: 'jobs-changed' }
  | { kind: 'sessions-changed' }
  | { kind: 'status'; paused: boolean };
