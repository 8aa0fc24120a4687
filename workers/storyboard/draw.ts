import { COLORS, fitInside, PLOT_WIDTH, STORYBOARD, thumbnailCells } from './layout.ts';
import { xOf, type Span, type Timeline } from './timeline.ts';
import { clock } from '../../src/shared/clock.ts';

/** One chapter (or screenshot) shown with a thumbnail. */
export interface SceneView {
  title: string;
  keywords: readonly string[];
  /** Null when the picture could not be read: a frame is drawn instead. */
  image: ImageBitmap | null;
  span: Span;
  /** Index into COLORS.chapters (the chapter's number). */
  color: number;
}

/** What the storyboard shows, placed and decoded. */
export interface StoryboardView {
  title: string;
  subtitle: string;
  scenes: readonly SceneView[];
  /** Every chapter's stretch, also those without a thumbnail, in chapter order. */
  bands: readonly Span[];
  timeline: Timeline;
  /** False when the audio stage gave nothing: the speech bar says so instead of showing silence. */
  speechKnown: boolean;
}

type Context = OffscreenCanvasRenderingContext2D;

const chapterColor = (n: number) => COLORS.chapters[n % COLORS.chapters.length]!;

/**
 * `text`, cut with an ellipsis to fit `width` in the current font. The longest prefix that fits is
 * found by halving: a caption may be a "keyword" of a megabyte (a base64 blob pasted in the
 * notes), and cutting a character at a time would measure it that many times.
 */
function fit(ctx: Context, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  const fits = (cut: number) => ctx.measureText(`${text.slice(0, cut)}…`).width <= width;
  // The longest cut that fits lies in [low, high); a prefix only grows wider as it grows longer.
  let low = 0;
  let high = text.length;
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return low > 0 ? `${text.slice(0, low).trimEnd()}…` : '';
}

/** Where a piece of text or a picture was drawn, in storyboard pixels. */
export interface DrawnRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What was drawn where: export redaction fills parts of these without drawing again. */
export interface StoryboardLayout {
  /** One per scene, in scene order; null for a scene drawn without a picture. */
  tiles: Array<DrawnRect | null>;
  /** Every caption (title, subtitle, scene titles and keywords) with the text it shows. */
  labels: Array<DrawnRect & { text: string }>;
}

function text(ctx: Context, value: string, x: number, y: number, font: string, color: string, width: number, labels?: StoryboardLayout['labels']): void {
  ctx.font = font;
  ctx.fillStyle = color;
  const shown = fit(ctx, value, width);
  ctx.fillText(shown, x, y);
  const size = Number(/(\d+)px/.exec(font)?.[1] ?? 16);
  // Ascent to descent of the font, with a pixel to spare: enough to cover the glyphs.
  if (labels && shown !== '') labels.push({ text: value, x: Math.floor(x) - 1, y: Math.floor(y - size) - 1, width: Math.ceil(ctx.measureText(shown).width) + 2, height: Math.ceil(size * 1.35) + 2 });
}

function timeLabel(timeline: Timeline, t: number): string {
  if (timeline.clock) {
    return new Date(t).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }
  return clock(Math.round((t - timeline.start) / 1000));
}

/** Whole-pixel x of a time, so bars have crisp edges and their pixels exact colours. */
const px = (timeline: Timeline, t: number) => Math.round(xOf(timeline, t, STORYBOARD.left, PLOT_WIDTH));

function drawScenes(ctx: Context, view: StoryboardView, layout: StoryboardLayout): void {
  const cells = thumbnailCells(view.scenes.map((scene) => px(view.timeline, scene.span.start)));
  const { labels, chapterBand } = STORYBOARD;
  view.scenes.forEach((scene, i) => {
    const cell = cells[i]!;
    if (scene.image) {
      const box = fitInside(scene.image.width, scene.image.height, cell);
      ctx.drawImage(scene.image, box.x, box.y, box.width, box.height);
      layout.tiles.push(box);
      ctx.strokeStyle = COLORS.frame;
      ctx.lineWidth = 1;
      ctx.strokeRect(box.x - 0.5, box.y - 0.5, box.width + 1, box.height + 1);
    } else {
      ctx.fillStyle = COLORS.unrecorded;
      ctx.fillRect(cell.x, cell.y, cell.width, cell.height);
      layout.tiles.push(null);
      text(ctx, 'No picture', cell.x + 8, cell.y + cell.height / 2, '12px sans-serif', COLORS.muted, cell.width - 16);
    }
    text(ctx, scene.title, cell.x, labels.titleBaseline, 'bold 13px sans-serif', COLORS.text, cell.width, layout.labels);
    text(ctx, scene.keywords.join(', '), cell.x, labels.keywordsBaseline, '12px sans-serif', COLORS.muted, cell.width, layout.labels);
    // A line from the caption down to where the chapter begins on the timeline.
    ctx.strokeStyle = chapterColor(scene.color);
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(cell.x + 1, labels.keywordsBaseline + 8);
    ctx.lineTo(px(view.timeline, scene.span.start) + 1, chapterBand.top);
    ctx.stroke();
  });
}

function drawBars(ctx: Context, view: StoryboardView): void {
  const { timeline } = view;
  const { chapterBand, speechBar } = STORYBOARD;
  view.bands.forEach((band, i) => {
    const x = px(timeline, band.start);
    ctx.fillStyle = chapterColor(i);
    ctx.fillRect(x, chapterBand.top, Math.max(1, px(timeline, band.end) - x), chapterBand.height);
  });

  text(ctx, 'Speech', STORYBOARD.left, speechBar.labelBaseline, 'bold 12px sans-serif', COLORS.text, 200);
  ctx.fillStyle = COLORS.unrecorded;
  ctx.fillRect(STORYBOARD.left, speechBar.top, PLOT_WIDTH, speechBar.height);
  if (!view.speechKnown) {
    text(ctx, 'No speech data', STORYBOARD.left + 8, speechBar.top + 16, '12px sans-serif', COLORS.muted, 300);
    return;
  }
  for (const [spans, color] of [
    [timeline.recorded, COLORS.silence],
    [timeline.speech, COLORS.speech],
  ] as const) {
    ctx.fillStyle = color;
    for (const span of spans) {
      const x = px(timeline, span.start);
      ctx.fillRect(x, speechBar.top, Math.max(1, px(timeline, span.end) - x), speechBar.height);
    }
  }
}

function drawAxis(ctx: Context, timeline: Timeline): void {
  const ticks = 5;
  ctx.font = '11px sans-serif';
  ctx.fillStyle = COLORS.muted;
  for (let i = 0; i < ticks; i++) {
    const t = timeline.start + ((timeline.end - timeline.start) * i) / (ticks - 1);
    const label = timeLabel(timeline, t);
    const width = ctx.measureText(label).width;
    const x = px(timeline, t);
    ctx.fillText(label, Math.min(Math.max(STORYBOARD.left, x - width / 2), STORYBOARD.right - width), STORYBOARD.axisBaseline);
  }
}

/** Draws the whole storyboard on a STORYBOARD.width × STORYBOARD.height canvas; says where its pictures and captions went. */
export function drawStoryboard(ctx: Context, view: StoryboardView): StoryboardLayout {
  const layout: StoryboardLayout = { tiles: [], labels: [] };
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, STORYBOARD.width, STORYBOARD.height);
  ctx.textBaseline = 'alphabetic';
  text(ctx, view.title, STORYBOARD.left, STORYBOARD.titleBaseline, 'bold 24px sans-serif', COLORS.text, PLOT_WIDTH, layout.labels);
  text(ctx, view.subtitle, STORYBOARD.left, STORYBOARD.subtitleBaseline, '14px sans-serif', COLORS.muted, PLOT_WIDTH, layout.labels);
  drawScenes(ctx, view, layout);
  drawBars(ctx, view);
  drawAxis(ctx, view.timeline);
  return layout;
}
