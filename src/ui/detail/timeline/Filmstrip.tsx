import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import type { Thumbnail } from '../../../shared/results.ts';
import { useBlobUrl } from '../../useBlobUrl.ts';
import type { TimelineFrame } from './model.ts';

/** A tile's width with its gap, in CSS pixels (kept in step with .film-tile in Timeline.css). */
export const TILE_PX = 120;

interface FilmstripProps {
  frames: TimelineFrame[];
  thumbnails: Map<string, Thumbnail>;
  /** The frame at the playhead; -1 before the first. */
  current: number;
  /** Glide to the current frame (a step) rather than jump (a drag, or reduced motion). */
  smooth: boolean;
  onPick: (time: number) => void;
}

function Tile({ thumbnail }: { thumbnail: Thumbnail | undefined }) {
  // Only tiles in view exist, so only their thumbnails hold object URLs.
  const url = useBlobUrl(thumbnail?.blob);
  return url ? <img src={url} alt="" draggable={false} /> : null;
}

/**
 * The frames in time order, a tile each, kept centred on the frame at the playhead. Virtualized:
 * an hour's thousands of frames render as the dozen in view. A pointer shortcut only (hidden from
 * assistive technology): the slider is the way through the frames by keyboard.
 */
export const Filmstrip = memo(function Filmstrip({ frames, thumbnails, current, smooth, onPick }: FilmstripProps) {
  const strip = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    horizontal: true,
    count: frames.length,
    getScrollElement: () => strip.current,
    estimateSize: () => TILE_PX,
    overscan: 4,
  });
  useEffect(() => {
    if (current >= 0) virtualizer.scrollToIndex(current, { align: 'center', behavior: smooth ? 'smooth' : 'auto' });
  }, [virtualizer, current, smooth]);
  return (
    <div ref={strip} className="filmstrip" aria-hidden="true">
      <div className="film-inner" style={{ width: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const frame = frames[item.index]!;
          return (
            <div
              key={item.key}
              className={item.index === current ? 'film-tile current' : 'film-tile'}
              style={{ transform: `translateX(${item.start}px)` }}
              onClick={() => onPick(frame.t)}
            >
              <Tile thumbnail={thumbnails.get(frame.mediaId)} />
            </div>
          );
        })}
      </div>
    </div>
  );
});
