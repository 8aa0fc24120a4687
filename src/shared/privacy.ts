import type { PixelBox, Thumbnail } from './results.ts';

/** What a detector finds. Ordered from most to least specific: the order settles overlaps. */
export const SENSITIVE_KINDS = [
  'private-key',
  'jwt',
  'aws-key',
  'github-token',
  'slack-token',
  'stripe-key',
  'api-key',
  'card',
  'iban',
  'ssn',
  'email',
  'ipv6',
  'ipv4',
  'phone',
  'secret',
] as const;

export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];

/** The kind of what a person marked in the review ("Redact this too"): no detector makes it. */
export const MARKED_KIND = 'marked';

/** A finding's kind: a detector's, or marked by a person. */
export type FindingKind = SensitiveKind | typeof MARKED_KIND;

/** Every finding kind, in the order counts and the review list them. */
export const FINDING_KINDS: readonly FindingKind[] = [...SENSITIVE_KINDS, MARKED_KIND];

/** Each finding kind in words, one and many: the export's report counts with them, the review's headings are the many. */
export const FINDING_KIND_WORDS: Record<FindingKind, readonly [one: string, many: string]> = {
  'private-key': ['private key', 'private keys'],
  jwt: ['JSON web token', 'JSON web tokens'],
  'aws-key': ['AWS key', 'AWS keys'],
  'github-token': ['GitHub token', 'GitHub tokens'],
  'slack-token': ['Slack token', 'Slack tokens'],
  'stripe-key': ['Stripe key', 'Stripe keys'],
  'api-key': ['API key', 'API keys'],
  card: ['card number', 'card numbers'],
  iban: ['IBAN', 'IBANs'],
  ssn: ['social security number', 'social security numbers'],
  email: ['e-mail address', 'e-mail addresses'],
  ipv6: ['IPv6 address', 'IPv6 addresses'],
  ipv4: ['IPv4 address', 'IPv4 addresses'],
  phone: ['phone number', 'phone numbers'],
  secret: ['password or secret', 'passwords and secrets'],
  [MARKED_KIND]: ['item marked by you', 'items marked by you'],
};

/** "1 AWS key", "3 e-mail addresses". */
export function countOfKind(kind: FindingKind, count: number): string {
  const [one, many] = FINDING_KIND_WORDS[kind];
  return `${count} ${count === 1 ? one : many}`;
}

/** What exported text carries instead of a value a person marked. */
export const MARKED_PLACEHOLDER = '[redacted]';

/** The placeholder exported text carries instead of a value: `[email]`, `[card]`, `[secret]`… */
export const placeholder = (kind: SensitiveKind): string => `[${kind}]`;

/**
 * Where a finding is. Character ranges index the text named: a screen's words joined into lines
 * (one space between words, one newline between lines), a cue's text, the notes, the title.
 */
export type FindingPlace =
  | {
      source: 'screen';
      /** The screenshot's or video frame's media id, and its index in the session's screens. */
      mediaId: string;
      screen: number;
      /** For a video frame: the video and the frame's time in it, in seconds. */
      videoId?: string;
      timeSec?: number;
      /** Epoch ms on the session's clock, when known. */
      at: number | null;
      start: number;
      end: number;
      /** The boxes of the words the value covers, in the screenshot's own pixels. */
      boxes: PixelBox[];
    }
  | { source: 'transcript'; cue: number; start: number; end: number; /** Seconds from the transcript's start. */ timeSec: number }
  | { source: 'notes'; start: number; end: number }
  | { source: 'title'; start: number; end: number };

/**
 * One stored finding: a place, a masked preview, never the value itself. A mark made in the review
 * ("Redact this too") is a finding of kind `marked`: on a screen its boxes say what to fill (the
 * words inside them are its value), in a cue or the notes its character range.
 */
export interface SensitiveFinding {
  /** Stable for the same session and stage input: "Not sensitive" remembers it. */
  id: string;
  kind: FindingKind;
  /** 0..1 */
  confidence: number;
  /** Masked, such as "sk-…f3a9", "j…@example.com" or "•••• 4242". */
  preview: string;
  place: FindingPlace;
}

/** What the app shows of a session with "redact everywhere", redacted by the redact stage. */
export interface ShownTexts {
  notes: string;
  cues: string[];
  /** Each screen's text, by media id. */
  screens: Record<string, string>;
  /** Absent in results stored before titles, chapters and thumbnails were redacted. */
  title?: string;
  /** Each chapter's title and keywords, in chapter order. */
  chapters?: Array<{ title: string; keywords: string[] }>;
  /** The chapters stage's thumbnails with found words filled (it runs before the redact stage). */
  thumbnails?: Thumbnail[];
}

/** Result of the 'redact' stage. */
export interface RedactResult {
  findings: SensitiveFinding[];
  /**
   * Only with "redact everywhere": the texts the app shows, redacted when the session was
   * enriched (notes, transcript cues in order, each screen's text by media id).
   */
  shown?: ShownTexts;
}

/**
 * `exports`: everything that leaves the app is redacted (the default); `everywhere`: also the
 * summary and the search index; `off`: nothing is redacted.
 */
export type RedactionMode = 'exports' | 'everywhere' | 'off';

/** The library's privacy setting, stored under `PRIVACY_META_KEY`. */
export interface PrivacySettings {
  mode: RedactionMode;
}

export const PRIVACY_META_KEY = 'privacy';
export const PRIVACY_DEFAULTS: PrivacySettings = { mode: 'exports' };

/** What every meta key of one session's review begins with: a batch reads which sessions have any as one key range. */
export const REVIEW_KEY_PREFIX = 'privacy-';

/** Meta key of the ids of one session's findings marked "Not sensitive". */
export const dismissedKey = (sessionId: string): string => `${REVIEW_KEY_PREFIX}dismissed:${sessionId}`;

/** Meta key of one session's marks made in the review ("Redact this too"). */
export const markedKey = (sessionId: string): string => `${REVIEW_KEY_PREFIX}marked:${sessionId}`;

/**
 * What a stage or an export needs to know to redact: the mode, the findings marked "Not
 * sensitive" and the marks a person added ("Redact this too").
 */
export interface PrivacyContext {
  mode: RedactionMode;
  dismissed: readonly string[];
  marked: readonly SensitiveFinding[];
}

/** The stored setting, read leniently: anything unknown is the default. */
export function privacySettingsOf(stored: unknown): PrivacySettings {
  const mode = (stored as Partial<PrivacySettings> | undefined)?.mode;
  return mode === 'everywhere' || mode === 'off' || mode === 'exports' ? { mode } : PRIVACY_DEFAULTS;
}

/** How many findings of each kind, in kind order; no values. */
export function countByKind(findings: readonly Pick<SensitiveFinding, 'kind'>[]): Partial<Record<FindingKind, number>> {
  const counts: Partial<Record<FindingKind, number>> = {};
  for (const kind of FINDING_KINDS) {
    const n = findings.filter((f) => f.kind === kind).length;
    if (n > 0) counts[kind] = n;
  }
  return counts;
}
