/**
 * Names that capture tools give their files, each with the moment of capture in local time:
 * - ISO-like and OBS: `2026-11-20T09-00-05.png`, `2026-11-20 09-00-05.mkv`, `x 2026-11-20_09.00.05.webm`
 * - macOS: `Screenshot 2026-11-20 at 09.00.05.png`, older `Screen Shot 2020-05-01 at 9.05.03 PM.png`
 * - GNOME: `Screenshot from 2026-11-20 09-00-05.png`; Windows: `Screenshot 2026-11-20 090005.png`
 * - Android: `Screenshot_20261120-090005.png`, `Screenshot_20261120_090005_Chrome.jpg`
 */
const PATTERNS: RegExp[] = [
  // Separated date, then a separated time, with an optional "at" and 12-hour suffix (macOS puts a
  // narrow no-break space before AM/PM since Ventura).
  /(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})(?:[T_ ]| at )(?<h>\d{1,2})[-:.](?<mi>\d{2})[-:.](?<s>\d{2})(?:[\s\u202f]?(?<ampm>[AP]M))?(?!\d)/i,
  // Separated date, then a compact time (Windows Snipping Tool).
  /(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2}) (?<h>\d{2})(?<mi>\d{2})(?<s>\d{2})(?!\d)/,
  // Compact date and time (Android).
  /(?<!\d)(?<y>\d{4})(?<mo>\d{2})(?<d>\d{2})[-_](?<h>\d{2})(?<mi>\d{2})(?<s>\d{2})(?!\d)/,
];

/** The local time written in a file name, or undefined when it has none (or an impossible one). */
export function timeFromName(name: string): number | undefined {
  for (const pattern of PATTERNS) {
    const groups = pattern.exec(name)?.groups;
    if (!groups) continue;
    const [y, mo, d, mi, s] = [groups.y, groups.mo, groups.d, groups.mi, groups.s].map(Number) as [number, number, number, number, number];
    const hour = toHour24(Number(groups.h), groups.ampm?.toUpperCase());
    if (hour === undefined || mo < 1 || mo > 12 || d < 1 || d > 31 || mi > 59 || s > 59) return undefined;
    const date = new Date(y, mo - 1, d, hour, mi, s);
    // new Date() rolls 31 November over into December: such a name holds no real moment.
    if (date.getMonth() !== mo - 1) return undefined;
    return date.getTime();
  }
  return undefined;
}

function toHour24(hour: number, ampm: string | undefined): number | undefined {
  if (ampm === undefined) return hour <= 23 ? hour : undefined;
  if (hour < 1 || hour > 12) return undefined;
  return (hour % 12) + (ampm === 'PM' ? 12 : 0);
}
