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
