import type { VideoInfo, VideoStageResult } from '../../src/shared/results.ts';
import { sessionVideos } from '../../src/shared/session.ts';
import { handOver, startReadAhead } from '../ocr/readAhead.ts';
import { StageFailure } from '../stage.ts';
import { clock } from '../../src/shared/clock.ts';
import { frameSource } from '../video/screens.ts';
import type { StageFn } from '../stage.ts';

/**
 * Samples the frames of each video of the session (see workers/video/sampleVideo.ts); the OCR and
 * chapters stages then read them like screenshots. Progress follows the seconds of video processed,
 * each video weighted by its size. A video that cannot be read keeps its message in the result; when
 * no video of the session can be read the stage fails permanently with their messages. mediabunny
 * is loaded only for sessions with videos. Each kept frame goes to OCR at once (workers/ocr/readAhead.ts):
 * tesseract reads in its own worker while this one decodes, and the OCR stage carries on from there.
 */
export const videoStage: StageFn = async (ctx): Promise<VideoStageResult> => {
  const refs = sessionVideos(ctx.session);
  if (refs.length === 0) return { videos: [] };
  const { sampleVideo } = await import('../video/sampleVideo.ts');
  // The OCR stage reads screenshots and frames in time order: only without screenshots are the
  // frames, in the order they are kept, the first screens it reads.
  // With a pool slot idle, a second tesseract worker reads ahead the frames read whole (ocr/wholeReadsAhead.ts).
  const mode = ctx.params.ocr === 'full' ? 'full' : 'incremental';
  // Nothing is read ahead for a run that will not OCR (the OCR stage skipped, as while its breaker is open).
  const readsAhead = ctx.session.screenshots.length === 0 && (ctx.laterStages?.includes('ocr') ?? true);
  const ahead = readsAhead ? startReadAhead(mode, ctx.signal, ctx.spareSlots ?? null) : null;
  const totalBytes = refs.reduce((sum, ref) => sum + ref.size, 0) || 1;
  const videos: VideoInfo[] = [];
  const failures: string[] = [];
  let doneBytes = 0;
  try {
    for (const ref of refs) {
      const blob = await ctx.readMedia(ref.id);
      try {
        const info = await sampleVideo(ref, blob, {
          signal: ctx.signal,
          onProgress: (seconds, durationSec) => {
            const within = durationSec > 0 ? Math.min(1, seconds / durationSec) : 0;
            const processed = durationSec > 0 ? `${clock(seconds)} of ${clock(durationSec)}` : clock(seconds);
            ctx.progress((doneBytes + ref.size * within) / totalBytes, `${processed} of ${ref.name}`);
          },
          onFrame: (frame, durationSec) => ahead?.readings.add(frameSource({ mediaId: ref.id, name: ref.name, durationSec }, frame)),
          // Only the bench asks for the rules of before issue 16, as its baseline.
          rules: ctx.params.sampling === 'every-change' ? 'every-change' : 'current',
        });
        videos.push(info);
      } catch (error) {
        if (!(error instanceof StageFailure)) throw error;
        failures.push(error.message);
        const empty = { mediaId: ref.id, name: ref.name, durationSec: 0, width: 0, height: 0, codec: 'unknown' };
        videos.push({ ...empty, hasAudio: false, decodedFrames: 0, frames: [], message: error.message });
      }
      doneBytes += ref.size;
      ctx.progress(doneBytes / totalBytes);
    }
    if (failures.length === refs.length) throw new StageFailure('permanent', failures.join(' '));
  } catch (error) {
    // No OCR stage will read these frames: their reading stops with the stage.
    ahead?.abort();
    throw error;
  }
  const result = { videos };
  if (ahead) handOver(result, ahead);
  return result;
};
