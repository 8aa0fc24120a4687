import type { VideoFrameShot, VideoInfo, VideoStageResult } from '../../src/shared/results.ts';
import type { StageContext } from '../stage.ts';
import { frameName } from './frameName.ts';

/** One screen of a session as OCR and chapters read it: a screenshot, or a frame sampled from a video. */
export interface ScreenSource {
  /** The screenshot's media id, or the frame's id (`${videoId}@${ms}`). */
  id: string;
  name: string;
  at: number | null;
  read(): Promise<Blob>;
  /** Set for video frames. */
  video?: { id: string; timeSec: number; durationSec: number };
  /** A screen this one repeats (see VideoFrameShot.repeatOf): its text is the same. */
  repeatOf?: string;
}

/**
 * `screens` in time order. A screen without a time keeps its place after the screen listed
 * before it; ties keep their listed order (Array.prototype.sort is stable).
 */
export function inTimeOrder<T extends { at: number | null }>(screens: T[]): T[] {
  let last = -Infinity;
  const keyed = screens.map((screen) => {
    if (screen.at !== null) last = screen.at;
    return { screen, key: last };
  });
  return keyed.sort((a, b) => a.key - b.key).map(({ screen }) => screen);
}

/**
 * The session's screens, in time order: its screenshots and the frames the 'video' stage sampled
 * from each video. Both go through OCR and chapters the same way.
 */
export function screenSources(ctx: StageContext): ScreenSource[] {
  const screens: ScreenSource[] = ctx.session.screenshots.map((ref) => ({
    id: ref.id,
    name: ref.name,
    at: ref.at,
    read: () => ctx.readMedia(ref.id),
  }));
  const video = ctx.results.video as VideoStageResult | undefined;
  for (const info of video?.videos ?? []) {
    for (const frame of info.frames) screens.push(frameSource(info, frame));
  }
  return inTimeOrder(screens);
}

/** A frame the 'video' stage kept, as a screen of `video`. */
export function frameSource(video: Pick<VideoInfo, 'mediaId' | 'name' | 'durationSec'>, frame: VideoFrameShot): ScreenSource {
  return {
    id: frame.id,
    name: frameName(video.name, frame.timeSec),
    at: frame.at,
    read: async () => frame.blob,
    video: { id: video.mediaId, timeSec: frame.timeSec, durationSec: video.durationSec },
    ...(frame.repeatOf ? { repeatOf: frame.repeatOf } : {}),
  };
}
