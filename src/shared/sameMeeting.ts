import type { AudioResult } from './results.ts';

/**
 * A video's sound track and a separate recording that overlap on the session clock for at least
 * this share of the shorter of the two are one meeting heard twice (a screen recording with the
 * microphone on, and the meeting's own recording).
 */
const SAME_MEETING_OVERLAP = 0.5;

interface Span {
  start: number;
  end: number;
}

function span(recording: AudioResult): Span | null {
  if (recording.startAt == null || !(recording.durationSec > 0)) return null;
  return { start: recording.startAt, end: recording.startAt + recording.durationSec * 1000 };
}

function overlapShare(a: Span, b: Span): number {
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return overlap / Math.min(a.end - a.start, b.end - b.start);
}

/**
 * Marks each sound track (media ids in `soundtracks`) that repeats a separate recording with
 * `sameAs`, the recording it overlaps most. Recordings or sound tracks without a known start are
 * left as they are: with no time there is no telling.
 */
export function markRepeatedSoundtracks(recordings: AudioResult[], soundtracks: ReadonlySet<string>): AudioResult[] {
  const separate = recordings.filter((r) => !soundtracks.has(r.mediaId)).flatMap((r) => {
    const own = span(r);
    return own ? [{ mediaId: r.mediaId, span: own }] : [];
  });
  return recordings.map((recording) => {
    const own = soundtracks.has(recording.mediaId) ? span(recording) : null;
    if (!own) return recording;
    let best: { mediaId: string; share: number } | null = null;
    for (const other of separate) {
      const share = overlapShare(own, other.span);
      if (share >= SAME_MEETING_OVERLAP && (!best || share > best.share)) best = { mediaId: other.mediaId, share };
    }
    return best ? { ...recording, sameAs: best.mediaId } : recording;
  });
}

/** The recordings whose speech counts: all but the sound tracks that repeat a recording. */
export function countedRecordings<T extends Pick<AudioResult, 'sameAs'>>(recordings: readonly T[]): T[] {
  return recordings.filter((recording) => recording.sameAs === undefined);
}
