import type { FindingPlace, SensitiveKind } from '../../shared/privacy.ts';
import type { DetailFocus } from './outcomes.ts';
import { clock } from '../../shared/clock.ts';

/** Kinds as people read them, plural for a heading. */
export const KIND_LABELS: Record<SensitiveKind, string> = {
  'private-key': 'Private keys',
  jwt: 'JSON web tokens',
  'aws-key': 'AWS keys',
  'github-token': 'GitHub tokens',
  'slack-token': 'Slack tokens',
  'stripe-key': 'Stripe keys',
  'api-key': 'API keys',
  card: 'Card numbers',
  iban: 'IBANs',
  ssn: 'Social security numbers',
  email: 'E-mail addresses',
  ipv6: 'IPv6 addresses',
  ipv4: 'IPv4 addresses',
  phone: 'Phone numbers',
  secret: 'Passwords and secrets',
};

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
