import { motion, useReducedMotion } from 'framer-motion';

interface ProgressBarProps {
  /** 0..1 */
  value: number;
  label: string;
  /** Shown to screen readers as the value in words. */
  valueText?: string;
  className?: string;
}

/** An accessible progress bar whose fill glides, unless the person asked for less motion. */
export function ProgressBar({ value, label, valueText, className }: ProgressBarProps) {
  const reduce = useReducedMotion();
  const percent = Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div
      className={`progress ${className ?? ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText}
    >
      <motion.div
        className="progress-fill"
        initial={false}
        animate={{ width: `${percent}%` }}
        transition={reduce ? { duration: 0 } : { type: 'tween', duration: 0.25 }}
      />
    </div>
  );
}
