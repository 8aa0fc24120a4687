// Apart from sampleVideo.ts, which brings mediabunny's demuxers: the OCR stage names frames too, and
// a session without a video must not load them.

import { clock } from '../../src/shared/clock.ts';

/** "demo.mp4 at 1:05": how people find a sampled frame. */
export function frameName(videoName: string, timeSec: number): string {
  return `${videoName} at ${clock(timeSec)}`;
}
