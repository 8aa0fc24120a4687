/**
 * Where a chapter starts, from two consecutive screenshots: the Hamming distance (0..64) of
 * their perceptual hashes, refined by how alike their text is when OCR read enough of it.
 *
 *   distance  0 ──── 4 ─────────── 12 ──────────── 20 ──── 64
 *             same   grey zone:       medium:          new look:
 *             look   splits when      splits unless    splits
 *                    the words differ the words agree
 *
 * Without text, the pictures alone decide: a chapter starts at CHAPTER_THRESHOLD bits.
 */

/** Bits (of 64) from which the pictures alone start a chapter. */
export const CHAPTER_THRESHOLD = 12;
/** Below this, two screenshots look the same whatever their words. */
export const GREY_ZONE_START = 4;
/** From this on, the pictures differ too much for shared words to keep them together. */
export const NEW_LOOK = 20;
/** Word-set Jaccard below which a grey-zone distance starts a chapter. */
export const DIFFERENT_WORDS = 0.2;
/** Word-set Jaccard from which a medium distance does not start a chapter. */
export const SAME_WORDS = 0.5;

/**
 * Whether a screenshot starts a new chapter.
 * @param distance Hamming distance of its hash to the previous screenshot's.
 * @param similarity Word-set Jaccard (0..1) of the two screenshots' text, or null when unknown.
 */
export function startsChapter(distance: number, similarity: number | null): boolean {
  if (similarity === null) return distance >= CHAPTER_THRESHOLD;
  if (distance < GREY_ZONE_START) return false;
  if (distance < CHAPTER_THRESHOLD) return similarity < DIFFERENT_WORDS;
  if (distance < NEW_LOOK) return similarity < SAME_WORDS;
  return true;
}

/** Share of a screen's changed text rows found, moved, in the previous one, from which it was scrolled. */
export const SCROLLED = 0.8;
/** Word trigrams of the previous screen found, moved, on the next, from which one continues the other. */
export const SHARED_TRIGRAMS = 3;

/**
 * Whether a screen continues the previous one, so that no chapter starts however different the
 * pictures are: it is the same document scrolled (see workers/images/scrollMatch.ts), or it
 * still shows lines of the previous screen's text, moved (see workers/text/continuity.ts).
 * @param scrolled scrolledOverlap() of the two screens (0..1).
 * @param sharedTrigrams scrolledTrigrams() of the two screens, or null without OCR text.
 */
export function continuesScreen(scrolled: number, sharedTrigrams: number | null): boolean {
  return scrolled >= SCROLLED || (sharedTrigrams !== null && sharedTrigrams >= SHARED_TRIGRAMS);
}
