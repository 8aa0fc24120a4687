import { useEffect, useRef, useState } from 'react';
import type { VideoInfo } from '../../shared/results.ts';
import type { MediaRef } from '../../shared/session.ts';
import { clock } from '../../shared/clock.ts';
import { useBlobUrl } from '../useBlobUrl.ts';
import type { VideoMoment, VideoScrub } from './videoScrub.ts';

/** A request to play a video from a time; `nonce` makes the same chapter chosen twice seek again. */
export interface VideoSeek {
  videoId: string;
  sec: number;
  nonce: number;
}

interface VideoViewProps {
  videos: MediaRef[];
  /** The 'video' stage's findings, by media id, once it ran. */
  infos: Map<string, VideoInfo>;
  readMedia(id: string): Promise<Blob | undefined>;
  seek: VideoSeek | null;
  /** The timeline's playhead: moving it shows that moment of the video, without playing. */
  scrub?: VideoScrub;
}

type PlayerProps = Pick<VideoViewProps, 'readMedia' | 'seek' | 'scrub'> & { video: MediaRef; info: VideoInfo | undefined };

function Player({ video, info, readMedia, seek, scrub }: PlayerProps) {
  const [blob, setBlob] = useState<Blob | null>(null);
  const element = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    let live = true;
    void readMedia(video.id).then((found) => live && setBlob(found ?? null));
    return () => {
      live = false;
    };
  }, [readMedia, video.id]);
  // Playback only: the browser's own player streams the stored Blob; enrichment decodes in workers.
  const url = useBlobUrl(blob);
  useEffect(() => {
    const player = element.current;
    if (!player || !seek || seek.videoId !== video.id) return;
    player.currentTime = seek.sec;
    player.scrollIntoView({ block: 'nearest' });
    // A click chose the chapter, so playing is allowed; a refusal leaves the player paused there.
    void player.play().catch(() => {});
  }, [seek, video.id, url]);
  useEffect(() => {
    if (!scrub) return;
    const show = (moment: VideoMoment | null) => {
      const player = element.current;
      // A seek to where the player already is would still make it decode again.
      if (player && moment?.videoId === video.id && Math.abs(player.currentTime - moment.sec) > 0.01) player.currentTime = moment.sec;
    };
    show(scrub.latest);
    return scrub.subscribe(show);
  }, [scrub, video.id, url]);
  // The other way: while it plays, or when its own controls seek, the timeline's playhead follows.
  useEffect(() => {
    const player = element.current;
    if (!scrub || !player) return;
    const follow = () => scrub.publishPlayed({ videoId: video.id, sec: player.currentTime });
    player.addEventListener('timeupdate', follow);
    return () => player.removeEventListener('timeupdate', follow);
  }, [scrub, video.id, url]);
  return (
    <li>
      {url && <video ref={element} src={url} controls preload="metadata" aria-label={`Recording ${video.name}`} data-video-id={video.id} />}
      <p className="meta">
        {video.name}
        {info && info.durationSec > 0 ? ` · ${clock(info.durationSec)} · ${info.width}×${info.height} ${info.codec}` : ''}
        {info ? ` · ${info.frames.length} frames read` : ''}
      </p>
      {info?.message && <p className="warnings" role="note">{info.message}</p>}
    </li>
  );
}

/** The session's screen recordings, each playable; choosing a chapter or moving the timeline's playhead seeks its video there. */
export function VideoView({ videos, infos, readMedia, seek, scrub }: VideoViewProps) {
  return (
    <section aria-label="Videos">
      <h3>Videos</h3>
      <ul className="videos">
        {videos.map((video) => (
          <Player key={video.id} video={video} info={infos.get(video.id)} readMedia={readMedia} seek={seek} scrub={scrub} />
        ))}
      </ul>
    </section>
  );
}
