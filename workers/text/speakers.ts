/** A WebVTT voice span: `<v Name>` or `<v.class Name>`. */
const VOICE = /<v(?:\.[^\s>]+)*\s+([^>]+)>/;

/** An SRT speaker prefix: "SARAH:", "Tom Baker:", "Dr. Lee:"; one to three words. */
const PREFIX = /^\s*(?:>>\s*)?((?:[\p{Lu}][\p{L}'’.-]*)(?:\s+[\p{Lu}][\p{L}'’.-]*){0,2})\s*:\s+(?=\S)/u;

/** Words that end in a colon at the start of a caption without naming anyone. */
const LABELS = new Set(
  'action agenda answer caution decision done error example fyi important info lol next note notes ok okay ps q a question re reminder status step summary tip todo update warning yes no so well music applause laughter'.split(' '),
);

/** The speaker of a WebVTT cue payload (its first `<v>` span), or undefined. */
export function voiceOf(payload: readonly string[]): string | undefined {
  const name = VOICE.exec(payload.join(' '))?.[1]?.replace(/\s+/g, ' ').trim();
  return name || undefined;
}

/**
 * The "NAME:" prefix of a caption and the text after it, or null when it has none. Labels such
 * as "Note:" or "Action:" are not names.
 */
export function namePrefix(text: string): { speaker: string; text: string } | null {
  const match = PREFIX.exec(text);
  const speaker = match?.[1];
  if (!match || !speaker || LABELS.has(speaker.toLowerCase())) return null;
  return { speaker, text: text.slice(match[0].length) };
}
