/* global window, document, OffscreenCanvas, createImageBitmap, Blob, btoa */
// Runs in a page of a localhost origin (a secure context, so WebCodecs exists): encodes frames
// given as JPEG screenshots into a video with mediabunny, as a screen recorder in the browser would.

/** Sets up window.encoder for one recording: H.264 in MP4 or VP9 in WebM, at `fps`. */
export async function startEncoder({ bundle, codec, width, height, fps }) {
  const mb = await import(bundle);
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  const format = codec === 'vp9' ? new mb.WebMOutputFormat() : new mb.Mp4OutputFormat({ fastStart: 'in-memory' });
  const output = new mb.Output({ format, target: new mb.BufferTarget() });
  // As a screen recorder encodes: in real time, a key frame every few seconds, a few Mbit/s.
  const bitrate = width >= 1920 ? 2_500_000 : 1_500_000;
  const source = new mb.CanvasSource(canvas, { codec, bitrate, keyFrameInterval: 2, latencyMode: 'realtime' });
  output.addVideoTrack(source, { frameRate: fps });
  await output.start();
  const picture = async (base64) => createImageBitmap(new Blob([Uint8Array.from(window.atob(base64), (c) => c.charCodeAt(0))], { type: 'image/jpeg' }));
  let frames = 0;
  let page = null;
  let tall = null;
  window.encoder = {
    /**
     * Adds the next frame: 'blank' (white); null (the same as before); or { page, tall, crop }:
     * a screenshot of the page (base64 JPEG), a tall one of its scroller, and where to copy the
     * tall one's scrolled region (device pixels) over the page's scroller. Each is kept until replaced.
     */
    async add(frame) {
      if (frame === 'blank') {
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, width, height);
      } else if (frame) {
        if (frame.page) page = (page?.close(), await picture(frame.page));
        if (frame.tall) tall = (tall?.close(), await picture(frame.tall));
        context.drawImage(page, 0, 0, width, height);
        const c = frame.crop;
        if (c) context.drawImage(tall, c.x, c.from, c.width, c.height, c.x, c.y, c.width, c.height);
      }
      await source.add(frames / fps, 1 / fps);
      frames++;
    },
    /** Finishes the file; its bytes as base64. */
    async finish() {
      await output.finalize();
      const bytes = new Uint8Array(output.target.buffer);
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    },
  };
  return document.title;
}
