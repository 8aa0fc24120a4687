/**
 * A time within a session or recording, in seconds, as people read it: "4:05", or "1:02:03" past an
 * hour. Rounded down (a frame at 4.9 s is at "0:04"); below zero or not a number reads "0:00".
 * One writer for the workers (frame names, reports, storyboards, transcripts) and the page alike.
 */
export function clock(seconds: number): string {
  const s = Number.isFinite(seconds) ? Math.max(0, Math.floor(seconds)) : 0;
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
