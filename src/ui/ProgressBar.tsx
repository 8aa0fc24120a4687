interface ProgressBarProps {
  /** 0..1 */
  value: number;
  label: string;
  /** Shown to screen readers as the value in words. */
  valueText?: string;
  className?: string;
}

/**
 * An accessible progress bar whose fill glides, unless the person asked for less motion (styles.css).
 * The fill scales rather than changing its width: during a batch many bars move several times a
 * second, and a scale glides on the compositor where a width would lay the page out on every frame.
 */
export function ProgressBar({ value, label, valueText, className }: ProgressBarProps) {
  const share = Math.max(0, Math.min(1, value));
  const percent = Math.round(share * 100);
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
      <div className="progress-fill" style={{ transform: `scaleX(${share})` }} />
    </div>
  );
}
