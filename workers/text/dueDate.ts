// chrono-node is imported here, in worker code only: it stays out of the main-thread bundle.
import { casual, type ParsedResult } from 'chrono-node';

const DAY_MS = 86_400_000;

/** "EOD", "end of day", "close of business": the reference day. */
const END_OF_DAY = /\b(?:eod|cob|end of (?:the )?(?:business )?day|close of business)\b/i;
/** "EOW", "end of (the) week": that week's Friday. */
const END_OF_WEEK = /\b(?:eow|end of (?:the |this )?week)\b/i;
/** "the 15th" without a month after it (chrono reads "the 3rd of December" itself). */
const DAY_OF_MONTH = /\bthe (\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/i;
/** A weekday said on its own ("by Friday", not "this Friday"). */
const BARE_WEEKDAY = /^(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?$/i;

/** `yyyy-mm-dd` of a local date. */
function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const sameDay = (a: Date, b: Date) => isoDay(a) === isoDay(b);

/** Whether chrono's reading is a day someone could be due on, not a word that looks like one. */
function isDay(result: ParsedResult): boolean {
  if (result.tags().has('casualReference/now')) return false;
  // "we sat down", "the sun": short weekday names count only when written as names.
  if (/^[a-z]{3}$/.test(result.text)) return false;
  const start = result.start;
  return start.isCertain('day') || start.isCertain('weekday') || start.isCertain('hour');
}

/**
 * The day a commitment is due by, as `yyyy-mm-dd` (local time), read from its text against
 * `reference` (the session's start): "by Thursday", "tomorrow", "next Tuesday", "on the 3rd of
 * December", "in two weeks", "EOD", "end of week", "the 15th". Dates are taken forward, never
 * in the past; a weekday said on that very day ("by Friday" on a Friday) means the next one.
 * Undefined when the text names no day.
 */
export function dueDate(text: string, reference: Date): string | undefined {
  if (END_OF_DAY.test(text)) return isoDay(reference);
  if (END_OF_WEEK.test(text)) {
    const toFriday = (5 - reference.getDay() + 7) % 7;
    return isoDay(new Date(reference.getTime() + toFriday * DAY_MS));
  }
  for (const result of casual.parse(text, reference, { forwardDate: true })) {
    if (!isDay(result)) continue;
    const date = result.start.date();
    if (BARE_WEEKDAY.test(result.text) && sameDay(date, reference)) return isoDay(new Date(date.getTime() + 7 * DAY_MS));
    return isoDay(date);
  }
  const day = DAY_OF_MONTH.exec(text);
  if (day) {
    const n = Number(day[1]);
    if (n < 1 || n > 31) return undefined;
    const month = n >= reference.getDate() ? reference.getMonth() : reference.getMonth() + 1;
    const date = new Date(reference.getFullYear(), month, n, 12);
    // "the 31st" in a 30-day month rolls over: not a day anyone meant.
    return date.getDate() === n ? isoDay(date) : undefined;
  }
  return undefined;
}
