import { FINDING_KIND_WORDS, type FindingPlace, type SensitiveKind } from '../../shared/privacy.ts';
import type { DetailFocus } from './outcomes.ts';
import { clock } from '../../shared/clock.ts';

/** A kind as a heading of the review: "E-mail addresses". */
export function kindHeading(kind: SensitiveKind): string {
  const [, words] = FINDING_KIND_WORDS[kind];
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "screen 3", "screen 2 (0:42 of the video)", "transcript at 1:05", "notes", "title". */
export function placeWords(place: FindingPlace): string {
  switch (place.source) {
    case 'screen':
      return `screen ${place.screen + 1}${place.timeSec !== undefined ? ` (${clock(place.timeSec)} of the video)` : ''}`;
    case 'transcript':
      return `transcript at ${clock(place.timeSec)}`;
    case 'notes':
      return 'notes';
    case 'title':
      return 'title';
  }
}

/** The moment on the timeline a finding is at; null for notes and title, which have none. */
export function placeFocus(place: FindingPlace): DetailFocus | null {
  if (place.source === 'screen') return { chapter: null, time: null, screen: place.screen };
  if (place.source === 'transcript') return { chapter: null, time: place.timeSec };
  return null;
}
