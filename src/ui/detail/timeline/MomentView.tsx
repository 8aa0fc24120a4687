import { memo } from 'react';
import type { Thumbnail } from '../../../shared/results.ts';
import { clock } from '../../../shared/clock.ts';
import type { ObjectUrlCache } from '../../objectUrlCache.ts';
import type { TimelineCue, TimelineFrame } from './model.ts';
import { useFramePicture } from './useFramePicture.ts';

interface MomentViewProps {
  frame: TimelineFrame | null;
  /** The frame's place among the frames, from 0; -1 when none is shown yet. */
  frameIndex: number;
  frameCount: number;
  /** When the first frame is, for the words shown before it. */
  firstFrameAt: number | null;
  thumbnail: Thumbnail | null;
  text: string | null;
  cue: TimelineCue | null;
  /** The index of the cue's word being said at the playhead; -1 when its words are not timed. */
  spokenWord: number;
  readFull: (mediaId: string) => Promise<Blob | undefined>;
  /** The thumbnails' URLs, shared with the filmstrip. */
  urls: ObjectUrlCache;
}

/** A line's timed words, the one being said at the playhead marked. */
function SpokenWords({ words, current }: { words: NonNullable<TimelineCue['words']>; current: number }) {
  return words.map((word, i) => (
    <span key={i}>
      {i > 0 && ' '}
      {i === current ? <mark className="spoken-word" data-word-start={word.start.toFixed(3)}>{word.text}</mark> : word.text}
    </span>
  ));
}

/** What the session showed and said at the playhead: the screen large, its text, the line spoken. */
export const MomentView = memo(function MomentView({ frame, frameIndex, frameCount, firstFrameAt, thumbnail, text, cue, spokenWord, readFull, urls }: MomentViewProps) {
  const url = useFramePicture(frame?.mediaId ?? null, readFull) ?? (thumbnail ? urls.get(thumbnail.blob) : null);
  return (
    <div className="moment">
      <figure className="moment-picture" data-frame-index={frameIndex} data-frame-time={frame ? frame.t.toFixed(3) : ''}>
        {frame && url ? (
          <img src={url} width={thumbnail?.width} height={thumbnail?.height} alt={`Screen ${frameIndex + 1} at ${clock(frame.t)}`} decoding="async" />
        ) : (
          <div className="moment-empty">{frame ? 'No picture of this screen' : firstFrameAt !== null ? `The first screen is at ${clock(firstFrameAt)}` : 'No screens'}</div>
        )}
        {frame && (
          <figcaption className="meta">
            Screen {frameIndex + 1} of {frameCount} · {clock(frame.t)}
          </figcaption>
        )}
      </figure>
      <div className="moment-text">
        <h4>On screen</h4>
        <p className="ocr-text moment-ocr">{!frame ? '—' : text?.trim() ? (text.length > 600 ? `${text.slice(0, 600)}…` : text) : 'No text read on this screen.'}</p>
        <h4>Said</h4>
        <p className="moment-cue" data-cue-start={cue ? cue.start.toFixed(3) : ''} data-cue-end={cue ? cue.end.toFixed(3) : ''}>
          {cue ? (
            <>
              <time>{clock(cue.start)}</time> {cue.words ? <SpokenWords words={cue.words} current={spokenWord} /> : cue.text}
            </>
          ) : (
            'Nothing said at this moment.'
          )}
        </p>
      </div>
    </div>
  );
});
