import { memo } from 'react';
import type { TimelineModel } from './model.ts';
import { xOfTime } from './scale.ts';

/** The drawing's width in its own units; it is stretched to the track's width. */
const W = 1000;

/**
 * The track's fixed drawing: chapter bands and marks, a tick per frame, the speech bar and the
 * transcript cues. Drawn once per session (memo), not on every move of the playhead; all frame
 * ticks are one path, so thousands of frames cost one element.
 */
export const TrackMarks = memo(function TrackMarks({ model }: { model: TimelineModel }) {
  const x = (t: number) => xOfTime(t, model.duration, W);
  const ticks = model.frames.map((f) => `M${x(f.t).toFixed(2)} 15v7`).join('');
  return (
    <svg className="track-marks" viewBox={`0 0 ${W} 40`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
      {model.chapters.map((c, i) => (
        <rect key={c.index} className={i % 2 ? 'band odd' : 'band'} x={x(c.t)} y={0} width={Math.max(0, x(model.chapters[i + 1]?.t ?? model.duration) - x(c.t))} height={12} />
      ))}
      {model.chapters.map((c) => (
        <line key={c.index} className="chapter-mark" x1={x(c.t)} x2={x(c.t)} y1={0} y2={40} />
      ))}
      <path className="frame-ticks" d={ticks} />
      {model.speech.map((s, i) => (
        <rect key={i} className="speech" x={x(s.start)} y={25} width={Math.max(0.5, x(s.end) - x(s.start))} height={6} />
      ))}
      {model.cues.map((c, i) => (
        <rect key={i} className="cue" x={x(c.start)} y={33} width={Math.max(0.5, x(c.end) - x(c.start))} height={6} />
      ))}
    </svg>
  );
});
