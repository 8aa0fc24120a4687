import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import type { Thumbnail } from '../../../shared/results.ts';
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

/** A tile's picture size in device pixels: drawn at twice its CSS size, sharp on dense screens. */
const TILE_W = 224;
const TILE_H = 126;

/**
 * A thumbnail shown on a canvas. Not an <img> with an object URL: making one is a synchronous round
 * trip to the browser process (measured at about 1.3 ms on a busy machine), and a drag brings a
 * dozen new tiles at a time. createImageBitmap() decodes, crops and scales off the main thread, and
 * the bitmap is handed to the canvas as it is ('bitmaprenderer'): a drawImage() that scaled on the
 * main thread took a second of a 10 s drag over an hour's frames (docs/benchmarks.md, scenario 11).
 */
function TilePicture({ thumbnail }: { thumbnail: Thumbnail }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // Asked for once per canvas, not once per picture.
  const renderer = useRef<ImageBitmapRenderingContext | null>(null);
  useEffect(() => {
    let live = true;
    // Cover: crop the picture to the tile's shape rather than stretch it.
    const scale = Math.max(TILE_W / thumbnail.width, TILE_H / thumbnail.height);
    const w = Math.max(1, Math.round(TILE_W / scale));
    const h = Math.max(1, Math.round(TILE_H / scale));
    const size = { resizeWidth: TILE_W, resizeHeight: TILE_H, resizeQuality: 'medium' } as const;
    // A thumbnail of unknown size is stretched rather than cropped.
    const decoding =
      thumbnail.width > 0 && thumbnail.height > 0
        ? createImageBitmap(thumbnail.blob, Math.round((thumbnail.width - w) / 2), Math.round((thumbnail.height - h) / 2), w, h, size)
        : createImageBitmap(thumbnail.blob, size);
    decoding.then(
      (bitmap) => {
        if (live && canvas.current && !renderer.current) renderer.current = canvas.current.getContext('bitmaprenderer');
        const context = live ? renderer.current : null;
        if (context) context.transferFromImageBitmap(bitmap);
        else bitmap.close();
      },
      () => {}, // An unreadable thumbnail leaves its tile blank.
    );
    return () => {
      live = false;
    };
  }, [thumbnail]);
  return <canvas ref={canvas} width={TILE_W} height={TILE_H} />;
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
    // The strip scrolls with the playhead: React may batch its updates rather than render at once.
    useFlushSync: false,
  });
  // Also when the strip's width changes (a phone turned, the detail resized): the frame stays centred.
  // Scrolled to a computed offset: scrollToIndex() reads the layout back on every call.
  const width = virtualizer.scrollRect?.width ?? 0;
  useEffect(() => {
    if (current >= 0) strip.current?.scrollTo({ left: current * TILE_PX + TILE_PX / 2 - width / 2, behavior: smooth ? 'smooth' : 'instant' });
  }, [current, smooth, width]);
  return (
    <div ref={strip} className="filmstrip" aria-hidden="true">
      <div className="film-inner" style={{ width: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const frame = frames[item.index]!;
          const thumbnail = thumbnails.get(frame.mediaId);
          return (
            <div
              key={item.key}
              className={item.index === current ? 'film-tile current' : 'film-tile'}
              style={{ transform: `translateX(${item.start}px)` }}
              onClick={() => onPick(frame.t)}
            >
              {thumbnail && <TilePicture thumbnail={thumbnail} />}
            </div>
          );
        })}
      </div>
    </div>
  );
});
