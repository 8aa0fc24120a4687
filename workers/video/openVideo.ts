import { ALL_FORMATS, BlobSource, Input, type InputVideoTrack } from 'mediabunny';
import { StageFailure } from '../stage.ts';

/** An opened video, ready to stream. `dispose()` releases the demuxer. */
export interface OpenedVideo {
  input: Input;
  track: InputVideoTrack;
  codec: string;
  durationSec: number;
  hasAudio: boolean;
}

/** What an opened file turned out to be. */
export type OpenResult = { kind: 'video'; video: OpenedVideo } | { kind: 'audio-only'; durationSec: number };

/**
 * Opens a recording with mediabunny (demuxing only; nothing is decoded yet) and checks that its video
 * can be decoded here. Failures are permanent, in plain words naming the file.
 * @param audioOnlyOk A .webm may be a sound recording: then a file with audio and no video is fine.
 */
export async function openVideo(blob: Blob, name: string, audioOnlyOk: boolean): Promise<OpenResult> {
  if (blob.size === 0) throw new StageFailure('permanent', `${name} is empty.`);
  const input = new Input({ source: new BlobSource(blob), formats: ALL_FORMATS });
  let keep = false;
  try {
    const unreadable = new StageFailure('permanent', `${name} could not be read as a video: it may be damaged or cut short.`);
    let track: InputVideoTrack | null;
    let hasAudio: boolean;
    try {
      track = await input.getPrimaryVideoTrack();
      hasAudio = (await input.getPrimaryAudioTrack()) !== null;
      // No track at all: an MP4 whose index (written last) was cut off, not a file without video.
      if (!track && !hasAudio && (await input.getTracks()).length === 0) throw unreadable;
    } catch {
      throw unreadable;
    }
    if (!track) {
      if (audioOnlyOk && hasAudio) return { kind: 'audio-only', durationSec: await duration(input) };
      throw new StageFailure('permanent', `${name} holds no video track.`);
    }
    const codec = track.codec ?? 'unknown';
    if (!(await track.canDecode())) {
      throw new StageFailure(
        'permanent',
        `${name} uses a video format (${codec}) this browser cannot decode; H.264, VP8, VP9 and AV1 can be read.`,
      );
    }
    keep = true;
    return { kind: 'video', video: { input, track, codec, durationSec: await duration(input, track), hasAudio } };
  } finally {
    if (!keep) input.dispose();
  }
}

/** The metadata's duration when the file states it, else the last packet's end; 0 when unknown. */
async function duration(input: Input, track?: InputVideoTrack): Promise<number> {
  try {
    const stated = await input.getDurationFromMetadata(track ? [track] : undefined);
    if (stated !== null && Number.isFinite(stated) && stated > 0) return stated;
    return await input.computeDuration(track ? [track] : undefined);
  } catch {
    return 0;
  }
}
