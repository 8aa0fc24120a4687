import { useId, useRef } from 'react';
import { clock } from '../../../shared/clock.ts';
import { timeForKey } from './keys.ts';
import { valueText } from './lookup.ts';
import type { TimelineModel } from './model.ts';
import { timeOfX, xOfTime } from './scale.ts';
import { TrackMarks } from './TrackMarks.tsx';

/** How a move came about: a drag follows the pointer at once; steps, and a playing video, may glide. */
export type MoveKind = 'drag' | 'step' | 'play';

interface TimelineTrackProps {
  model: TimelineModel;
  time: number;
  onMove: (time: number, kind: MoveKind) => void;
}

/** Times in the ARIA values: to the millisecond, as frames and cues are timed. */
const ms = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** The time axis with the playhead: one slider, moved by pointer (click or drag) or by keys. */
export function TimelineTrack({ model, time, onMove }: TimelineTrackProps) {
  const keysId = useId();
  // The track's box, read once when a drag starts rather than on every move.
  const drag = useRef<{ left: number; width: number } | null>(null);
  const follow = (clientX: number) => {
    if (drag.current) onMove(timeOfX(clientX - drag.current.left, model.duration, drag.current.width), 'drag');
  };
  const end = () => {
    drag.current = null;
  };
  return (
    <>
      <div
        className="timeline-track"
        role="slider"
        tabIndex={0}
        aria-label="Playhead"
        aria-describedby={keysId}
        aria-valuemin={0}
        aria-valuemax={ms(model.duration)}
        aria-valuenow={ms(time)}
        aria-valuetext={valueText(model, time)}
        onKeyDown={(event) => {
          if (event.altKey || event.ctrlKey || event.metaKey) return;
          const next = timeForKey(model, time, event.key);
          if (next === null) return;
          event.preventDefault();
          onMove(next, 'step');
        }}
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          const box = event.currentTarget.getBoundingClientRect();
          drag.current = { left: box.left, width: box.width };
          event.currentTarget.setPointerCapture(event.pointerId);
          follow(event.clientX);
        }}
        onPointerMove={(event) => follow(event.clientX)}
        onPointerUp={end}
        onPointerCancel={end}
        onLostPointerCapture={end}
      >
        <TrackMarks model={model} />
        {/* Moved by a transform on a layer of its own, as wide as the track (so % is of the track):
            a move repaints neither the track's thousands of marks nor anything else. */}
        <div className="playhead" style={{ transform: `translateX(${xOfTime(time, model.duration, 100).toFixed(3)}%)` }} />
      </div>
      <div className="track-ends meta" aria-hidden="true">
        <span>0:00</span>
        <span className="track-legend">
          <span className="swatch band" /> chapters <span className="swatch frame" /> screens <span className="swatch speech" /> speech <span className="swatch cue" /> transcript
        </span>
        <span>{clock(model.duration)}</span>
      </div>
      <p id={keysId} className="visually-hidden">
        Left and right arrows: previous or next screen. Page Up and Page Down: previous or next chapter. Home and End: start and end.
      </p>
    </>
  );
}
