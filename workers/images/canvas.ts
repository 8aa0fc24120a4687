/** A 2D context whose pixels are read back often: the browser keeps them in memory rather than on the GPU. */
export function context2d(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('No 2D context for OffscreenCanvas.');
  return context;
}

/** Clears `context` to white and draws `image` at its top left: transparent areas read as white. */
export function drawOnWhite(context: OffscreenCanvasRenderingContext2D, image: CanvasImageSource, width: number, height: number): void {
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0);
}

/** The RGBA pixels of a decoded picture already at its wanted size, drawn over white; the bitmap is closed. */
export function pixelsOnWhite(bitmap: ImageBitmap): Uint8ClampedArray {
  const { width, height } = bitmap;
  try {
    const context = context2d(new OffscreenCanvas(width, height));
    drawOnWhite(context, bitmap, width, height);
    return context.getImageData(0, 0, width, height).data;
  } finally {
    bitmap.close();
  }
}
