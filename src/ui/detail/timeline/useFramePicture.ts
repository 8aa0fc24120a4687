import { useEffect, useState } from 'react';

/** How long the playhead rests on a frame before its full picture is read: a drag reads none. */
export const REST_MS = 150;

/**
 * An object URL of the full picture of the frame shown, once the playhead has rested there; null
 * until then (show the thumbnail). Only the frame shown is read, and its URL is revoked as soon as
 * another frame is shown, so one full picture is held at a time.
 */
export function useFramePicture(mediaId: string | null, readFull: (mediaId: string) => Promise<Blob | undefined>): string | null {
  const [full, setFull] = useState<{ mediaId: string; url: string } | null>(null);
  useEffect(() => {
    if (mediaId === null) return;
    let live = true;
    let url: string | null = null;
    const timer = setTimeout(() => {
      readFull(mediaId).then(
        (blob) => {
          if (!live || !blob) return;
          url = URL.createObjectURL(blob);
          setFull({ mediaId, url });
        },
        () => {}, // The thumbnail stays: a picture that cannot be read is no reason to show nothing.
      );
    }, REST_MS);
    return () => {
      live = false;
      clearTimeout(timer);
      if (url) URL.revokeObjectURL(url);
    };
  }, [mediaId, readFull]);
  return full?.mediaId === mediaId ? full.url : null;
}
