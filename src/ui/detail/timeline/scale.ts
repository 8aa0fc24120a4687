/** The x (0..width) of `time` on an axis `width` wide showing 0..duration. */
export function xOfTime(time: number, duration: number, width: number): number {
  return duration > 0 ? (time / duration) * width : 0;
}

/** The time under `x` on an axis `width` wide showing 0..duration, kept within the axis. */
export function timeOfX(x: number, duration: number, width: number): number {
  if (!(width > 0)) return 0;
  return Math.min(duration, Math.max(0, (x / width) * duration));
}
