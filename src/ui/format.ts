/** A length of time in short words: "45 s", "12 min", "1 h 5 min". */
export function lengthInWords(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return rest ? `${Math.floor(minutes / 60)} h ${rest} min` : `${Math.floor(minutes / 60)} h`;
}

/** One formatter for every row: `toLocaleString` with options builds a new one on each call. */
const SESSION_DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** When a session started, in the reader's locale: "Nov 20, 2026, 9:00 AM". */
export function sessionDate(epochMs: number): string {
  return SESSION_DATE.format(epochMs);
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
