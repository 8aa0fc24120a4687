import { useReducedMotion } from 'framer-motion';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChaptersResult, OcrResult, VideoStageResult } from '../../../shared/results.ts';
import { ObjectUrlCache } from '../../objectUrlCache.ts';
import type { DetailFocus } from '../outcomes.ts';
import type { VideoScrub } from '../videoScrub.ts';
import { Filmstrip } from './Filmstrip.tsx';
import { clamp, cueAt, focusTime, frameAt, timeOfVideoMoment, videoMoment, wordAt } from './lookup.ts';
import type { TimelineModel } from './model.ts';
import { MomentView } from './MomentView.tsx';
import { TimelineTrack, type MoveKind } from './TimelineTrack.tsx';
import { useThrottled } from './useThrottled.ts';
import './Timeline.css';

interface TimelineProps {
  model: TimelineModel;
  /** For the frames' thumbnails. */
  chapters: ChaptersResult | null;
  ocr: OcrResult | null;
  /** For the full pictures of video frames, which live in the video stage's result. */
  video: VideoStageResult | null;
  /** Reads a screenshot's full picture. */
  readMedia: (mediaId: string) => Promise<Blob | undefined>;
  /** Where a search hit asked to open the session. */
  focus: DetailFocus | null;
  scrub: VideoScrub;
}

/** Thumbnail URLs kept for the picture at the playhead: dragging back and forth reuses them. */
const THUMBNAIL_URLS = 300;

/** How often the filmstrip follows a drag. */
const STRIP_DRAG_MS = 120;

/** The session on one time axis, with a playhead and the screen, text and speech at that moment. */
export function Timeline({ model, chapters, ocr, video, readMedia, focus, scrub }: TimelineProps) {
  const reduce = useReducedMotion();
  const [at, setAt] = useState(() => ({ time: focusTime(model, focus) ?? model.frames[0]?.t ?? 0, kind: 'drag' as MoveKind }));
  const time = clamp(model, at.time);
  const [urls] = useState(() => new ObjectUrlCache(THUMBNAIL_URLS));
  useEffect(() => () => urls.clear(), [urls]);
  const move = useCallback(
    (next: number, kind: MoveKind) => {
      setAt({ time: next, kind });
      const moment = videoMoment(model, next);
      if (moment) scrub.publish(moment);
    },
    [model, scrub],
  );
  // A later search hit on the same open session moves the playhead to its moment.
  const applied = useRef(focus);
  useEffect(() => {
    if (focus === applied.current) return;
    applied.current = focus;
    const target = focusTime(model, focus);
    if (target !== null) move(target, 'step');
  }, [focus, model, move]);
  // A video playing (or seeked in its own player) moves the playhead; not sent back to the player.
  useEffect(
    () =>
      scrub.subscribePlayed((moment) => {
        const next = timeOfVideoMoment(model, moment);
        if (next !== null) setAt({ time: next, kind: 'play' });
      }),
    [model, scrub],
  );
  // A recording opened at a moment shows that moment in its player too.
  useEffect(() => {
    const moment = videoMoment(model, time);
    if (moment) scrub.publish(moment);
    // Not on `time`: later moves publish as they happen, in move().
  }, [model, scrub]);

  const thumbnails = useMemo(() => new Map((chapters?.thumbnails ?? []).map((t) => [t.mediaId, t])), [chapters]);
  const texts = useMemo(() => new Map((ocr?.screens ?? []).map((s) => [s.mediaId, s.text])), [ocr]);
  const videoFrames = useMemo(() => new Map((video?.videos ?? []).flatMap((v) => v.frames.map((f) => [f.id, f.blob] as const))), [video]);
  const readFull = useCallback(async (mediaId: string) => videoFrames.get(mediaId) ?? readMedia(mediaId), [videoFrames, readMedia]);
  const pick = useCallback((t: number) => move(t, 'step'), [move]);

  const index = frameAt(model, time);
  const frame = model.frames[index] ?? null;
  const cue = cueAt(model, time);
  // During a drag the strip follows a few times a second: each of its moves brings a dozen new
  // pictures, which at every pointer move would hold up the playhead and the picture.
  const stripIndex = useThrottled(index, STRIP_DRAG_MS, at.kind === 'drag');
  return (
    <section className="timeline" aria-label="Timeline">
      <h3>Timeline</h3>
      <MomentView
        frame={frame}
        frameIndex={index}
        frameCount={model.frames.length}
        firstFrameAt={model.frames[0]?.t ?? null}
        thumbnail={frame ? (thumbnails.get(frame.mediaId) ?? null) : null}
        text={frame ? (texts.get(frame.mediaId) ?? null) : null}
        cue={cue}
        spokenWord={wordAt(cue, time)}
        readFull={readFull}
        urls={urls}
      />
      <TimelineTrack model={model} time={time} onMove={move} />
      {model.frames.length > 0 && <Filmstrip frames={model.frames} thumbnails={thumbnails} current={stripIndex} smooth={at.kind !== 'drag' && !reduce} onPick={pick} />}
    </section>
  );
}
