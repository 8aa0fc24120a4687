import { findCards } from './card.ts';
import { findEmails } from './email.ts';
import type { Detector, Finding } from './finding.ts';
import { findIbans } from './iban.ts';
import { findIpv4, findIpv6 } from './ip.ts';
import { findJwts } from './jwt.ts';
import { findPhones } from './phone.ts';
import { findPrivateKeys } from './privateKey.ts';
import { resolveOverlaps } from './resolve.ts';
import { findSecrets } from './secret.ts';
import { findSsns } from './ssn.ts';
import { findTokens } from './tokens.ts';

const DETECTORS: Detector[] = [findPrivateKeys, findJwts, findTokens, findCards, findIbans, findSsns, findEmails, findIpv6, findIpv4, findPhones, findSecrets];

/**
 * Secrets and personal data in a text (a transcript cue, notes, a title, a screen's OCR text), in
 * text order, without overlaps. Findings hold places and masked previews, never the values.
 */
export function findSensitive(text: string): Finding[] {
  return resolveOverlaps(DETECTORS.flatMap((detect) => detect(text)));
}
