import type { SessionRecord } from '../shared/session.ts';
import { clock } from '../shared/clock.ts';
import { lengthInWords, plural, sessionDate } from './format.ts';
import type { SessionFacts } from './sessionFacts.ts';

/** Date and length, then what enrichment counted: one line of small words that wraps. */
export function RowFacts({ session, facts }: { session: SessionRecord; facts: SessionFacts | null }) {
  const parts: string[] = [];
  if (session.startedAt !== null) parts.push(sessionDate(session.startedAt));
  if (facts?.durationSec) parts.push(lengthInWords(facts.durationSec));
  if (facts?.screens !== null && facts?.screens !== undefined) parts.push(plural(facts.screens, 'screen'));
  if (facts?.chapters) parts.push(plural(facts.chapters.length, 'chapter'));
  if (facts?.speechSec) parts.push(`${clock(facts.speechSec)} speech`);
  return (
    <>
      {parts.length > 0 && <p className="row-facts">{parts.join(' · ')}</p>}
      {facts && facts.keywords.length > 0 && (
        <p className="row-keywords" aria-label="Top keywords">
          {facts.keywords.map((word) => (
            <span key={word} className="keyword">
              {word}
            </span>
          ))}
        </p>
      )}
    </>
  );
}
