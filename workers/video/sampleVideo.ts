import { recordingStart } from '../../src/shared/recordingStart.ts';
import { VideoSampleSink, type VideoSample } from 'mediabunny';
import type { VideoFrameShot, VideoInfo } from '../../src/shared/results.ts';
import type { MediaRef } from '../../src/shared/session.ts';
import { StageFailure } from '../stage.ts';
import { rowImageOfPixels, ROW_COLUMNS, scrollMatch, type RowImage } from '../images/scrollMatch.ts';
import { SCROLLED } from '../images/boundary.ts';
import { FrameSampler, PROBE_SEC, REPEAT_SHARE, type SamplingRules, type ScrollFrom } from './frameSampler.ts';
import { openVideo } from './openVideo.ts';
import { clock } from '../../src/shared/clock.ts';
import { context2d } from '../images/canvas.ts';

/** Kept frames are no wider than this: full HD text stays sharp for OCR, 4K would only cost time. */
export const MAX_FRAME_WIDTH = 1920;
/** The luminance grid compared between frames: 8 px cells of a 720p picture, so lines of text count. */
const PROBE_W = 160;
/** Missing seconds at the end, against the stated duration, that make a file count as cut short. */
const CUT_SHORT_SEC = 2;
const PROBE_H = 90;

export interface SampleOptions {
  signal: AbortSignal;
  /** Called with the seconds of video processed so far, and the video's duration (0 when unknown). */
  onProgress?: (seconds: number, durationSec: number) => void;
  /** Called with each frame as soon as it is kept, in time order: OCR can start on it while the rest decodes. */
  onFrame?: (frame: VideoFrameShot, durationSec: number) => void;
  /** Which frames are kept (see FrameSampler). @default 'current' */
  rules?: SamplingRules;
}

function abortError(): Error {
  const error = new Error('The video stage was cancelled.');
  error.name = 'AbortError';
  return error;
}

/** The frame shrunk to a PROBE_W×PROBE_H luminance grid, 0..1. */
function probeGray(sample: VideoSample, context: OffscreenCanvasRenderingContext2D): Float32Array {
  sample.draw(context, 0, 0, PROBE_W, PROBE_H);
  const rgba = context.getImageData(0, 0, PROBE_W, PROBE_H).data;
  const gray = new Float32Array(PROBE_W * PROBE_H);
  for (let i = 0; i < gray.length; i++) {
    gray[i] = (0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!) / 255;
  }
  return gray;
}

/** The frame's row image (see scrollMatch.ts): what tells a scroll from a new page. */
function sampleRows(sample: VideoSample, context: OffscreenCanvasRenderingContext2D): RowImage {
  const { width, height } = context.canvas;
  sample.draw(context, 0, 0, width, height);
  return rowImageOfPixels(context.getImageData(0, 0, width, height).data, height);
}

/**
 * A scroll is kept once it has moved this share of the screen: what it revealed is then read as a
 * band, well under OCR's FULL_SHARE (workers/ocr/readPlan.ts) with the lines a band cuts into.
 */
const KEEP_SCROLL_SHARE = 0.4;

/** Whether `current` is `kept` scrolled, and whether by less than KEEP_SCROLL_SHARE of a screen. */
function scrollFrom(kept: RowImage | null, current: RowImage): ScrollFrom {
  if (!kept) return 'none';
  const match = scrollMatch(kept, current);
  // Matched in place (shift 0): an edit of the page, such as a line typed, not a scroll.
  if (match.share < SCROLLED || match.shift === 0) return 'none';
  return Math.abs(match.shift) < KEEP_SCROLL_SHARE * current.rows ? 'short' : 'long';
}

/**
 * Streams a video's frames through WebCodecs (mediabunny's VideoSampleSink), closing each one as
 * soon as it is looked at, so memory holds a few frames whatever the length. Keeps a frame every
 * few seconds and where the picture changes a lot (see FrameSampler), as PNGs at OCR resolution.
 * A file cut short or damaged part-way keeps the frames before the damage, with a message.
 * @throws StageFailure('permanent') for a file that is not a readable video; AbortError on cancel.
 */
export async function sampleVideo(ref: MediaRef, blob: Blob, options: SampleOptions): Promise<VideoInfo> {
  const opened = await openVideo(blob, ref.name, ref.name.toLowerCase().endsWith('.webm'));
  if (opened.kind === 'audio-only') {
    const info = { mediaId: ref.id, name: ref.name, durationSec: opened.durationSec, width: 0, height: 0 };
    return { ...info, codec: 'none', hasAudio: true, decodedFrames: 0, frames: [] };
  }
  const { input, track, codec, durationSec, hasAudio } = opened.video;
  const start = recordingStart(ref, durationSec);
  const width = track.displayWidth;
  const height = track.displayHeight;
  const scale = Math.min(1, MAX_FRAME_WIDTH / Math.max(1, width));
  const frameCanvas = new OffscreenCanvas(Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)));
  const frameContext = context2d(frameCanvas);
  const probeContext = context2d(new OffscreenCanvas(PROBE_W, PROBE_H));
  // A row per pixel row (not shrunk as for screenshots): a scroll by an odd number of pixels stays whole rows.
  const rowsContext = context2d(new OffscreenCanvas(ROW_COLUMNS, frameCanvas.height));
  // Averaged, not point-sampled: 1920 columns into 96 would otherwise alias each row of text differently per frame.
  rowsContext.imageSmoothingQuality = 'high';
  // The newest frame of a scroll not yet kept, drawn at full size: kept only if nothing later shows what it reached.
  const heldContext = context2d(new OffscreenCanvas(frameCanvas.width, frameCanvas.height));
  let held: { timeSec: number; rows: RowImage } | null = null;
  let keptRows: RowImage | null = null;
  const sampler = new FrameSampler(PROBE_W, options.rules);
  const frames: VideoFrameShot[] = [];
  let decodedFrames = 0;
  let nextProbe = 0;
  let lastTime = 0;
  let message: string | undefined;
  const keepFrame = async (canvas: OffscreenCanvas, timeSec: number, reason: VideoFrameShot['reason'], repeat: boolean) => {
    const png = await canvas.convertToBlob({ type: 'image/png' });
    const ms = Math.round(timeSec * 1000);
    const previous = frames.at(-1);
    const frame: VideoFrameShot = {
      id: `${ref.id}@${ms}`,
      videoId: ref.id,
      timeSec,
      at: start === null ? null : start + ms,
      reason,
      blob: png,
      width: canvas.width,
      height: canvas.height,
      // OCR copies the text of a frame that only differs by a caret or a pointer.
      ...(previous && repeat ? { repeatOf: previous.repeatOf ?? previous.id } : {}),
    };
    frames.push(frame);
    options.onFrame?.(frame, durationSec);
  };
  const keepHeld = async () => {
    if (!held) return;
    await keepFrame(heldContext.canvas, held.timeSec, 'change', false);
    keptRows = held.rows;
    held = null;
  };
  try {
    try {
      for await (const sample of new VideoSampleSink(track).samples()) {
        try {
          if (options.signal.aborted) throw abortError();
          decodedFrames++;
          lastTime = sample.timestamp;
          if (sample.timestamp + 1e-6 < nextProbe) continue;
          // On a fixed grid of probe times, so the interval does not drift with the frame rate.
          nextProbe = (Math.floor(sample.timestamp / PROBE_SEC + 1e-6) + 1) * PROBE_SEC;
          let rows: RowImage | null = null;
          const currentRows = () => (rows ??= sampleRows(sample, rowsContext));
          const decision = sampler.offer(sample.timestamp, probeGray(sample, probeContext), () => scrollFrom(keptRows, currentRows()));
          options.onProgress?.(sample.timestamp, durationSec);
          if (decision.keepHeld) await keepHeld();
          if (decision.frame === 'hold') {
            sample.draw(heldContext, 0, 0, frameCanvas.width, frameCanvas.height);
            held = { timeSec: sample.timestamp, rows: currentRows() };
            continue;
          }
          if (!decision.frame) continue;
          held = null;
          sample.draw(frameContext, 0, 0, frameCanvas.width, frameCanvas.height);
          await keepFrame(frameCanvas, sample.timestamp, decision.frame, sampler.lastChange < REPEAT_SHARE);
          keptRows = currentRows();
        } finally {
          sample.close();
        }
      }
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') throw error;
      if (frames.length === 0) {
        throw new StageFailure('permanent', `${ref.name} could not be decoded: it may be damaged or cut short.`);
      }
      message = `${ref.name} is damaged or cut short after ${clock(lastTime)}; the frames before it were used.`;
    }
    if (sampler.finish()) await keepHeld();
  } finally {
    input.dispose();
  }
  if (frames.length === 0) throw new StageFailure('permanent', `${ref.name} holds no frame that could be decoded.`);
  // A file cut short may end cleanly yet state a longer duration than its last frame.
  if (!message && durationSec - lastTime > CUT_SHORT_SEC) {
    message = `${ref.name} ends at ${clock(lastTime)} though it should last ${clock(durationSec)}: it seems cut short; the frames it has were used.`;
  }
  const info: VideoInfo = { mediaId: ref.id, name: ref.name, durationSec: Math.max(durationSec, lastTime), width, height, codec, hasAudio, decodedFrames, frames };
  if (message) info.message = message;
  return info;
}
