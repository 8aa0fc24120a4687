import { useEffect, useState } from 'react';

/** How long the playhead rests on a frame before its full picture is read: a drag reads none. */
export const REST_MS = 150;

/**
 * The picture of the frame shown: its thumbnail at once, then the full picture once the playhead
 * rests there. Only the frame shown is read, and only one full picture is held at a time.
 */
export function useFramePicture(mediaId: string | null, thumbnail: Blob | null, readFull: (mediaId: string) => Promise<Blob | undefined>): Blob | null {
  const [full, setFull] = useState<{ mediaId: string; blob: Blob } | null>(null);
  useEffect(() => {
    if (mediaId === null) return;
    let live = true;
    const timer = setTimeout(() => {
      readFull(mediaId).then(
        (blob) => live && blob && setFull({ mediaId, blob }),
        () => {}, // The thumbnail stays: a picture that cannot be read is no reason to show nothing.
      );
    }, REST_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [mediaId, readFull]);
  return full?.mediaId === mediaId ? full.blob : thumbnail;
}
