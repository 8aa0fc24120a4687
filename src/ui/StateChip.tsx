import { motion, useReducedMotion } from 'framer-motion';
import type { StateWord } from './jobWords.ts';

/** The state in a word; a new state pops in (scale only: contrast stays whole for axe and eyes). */
export function StateChip({ word }: { word: StateWord }) {
  const reduce = useReducedMotion();
  return (
    <motion.span
      key={word}
      className={`chip chip-${word.toLowerCase().replace(/\s+/g, '-')}`}
      data-testid="state"
      initial={reduce ? false : { scale: 0.8 }}
      animate={{ scale: 1 }}
      transition={{ type: 'tween', ease: 'easeOut', duration: 0.15 }}
    >
      {word}
    </motion.span>
  );
}
