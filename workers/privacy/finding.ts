import type { SensitiveKind } from '../../src/shared/privacy.ts';

export { SENSITIVE_KINDS, type SensitiveKind } from '../../src/shared/privacy.ts';

/**
 * One sensitive value in a text. It carries where the value is and a masked preview, never the
 * value itself: findings are shown, stored and exported, the value must not travel with them.
 */
export interface Finding {
  kind: SensitiveKind;
  /** Character range [start, end) in the text that was searched. */
  start: number;
  end: number;
  /** 0..1: how sure the detector is (a checksum passed, a label nearby…). */
  confidence: number;
  /** Masked, such as "sk-…f3a9", "j…@example.com" or "•••• 4242". */
  preview: string;
}

/** A detector: every candidate it sees in `text`, overlaps with other detectors allowed. */
export type Detector = (text: string) => Finding[];
