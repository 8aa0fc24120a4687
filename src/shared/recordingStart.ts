import type { MediaRef } from './session.ts';

/**
 * When a recording started on the session's clock (epoch ms), or null when unknown. A time from a
 * manifest or a file name is the start; a file's date is the moment it was last written, its end.
 */
export function recordingStart(ref: Pick<MediaRef, 'at' | 'atFrom'>, durationSec: number): number | null {
  if (ref.at === null) return null;
  if (ref.atFrom !== 'file-date' || !Number.isFinite(durationSec) || durationSec <= 0) return ref.at;
  return ref.at - Math.round(durationSec * 1000);
}
