// Apart from sampleVideo.ts, which brings mediabunny's demuxers: the OCR stage names frames too, and
// a session without a video must not load them.

/** 65 → "1:05". */
export function timeLabel(seconds: number): string {
  const s = Math.floor(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** "demo.mp4 at 1:05": how people find a sampled frame. */
export function frameName(videoName: string, timeSec: number): string {
  return `${videoName} at ${timeLabel(timeSec)}`;
}
