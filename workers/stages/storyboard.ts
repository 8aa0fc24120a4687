import type {
  AudioStageResult,
  Chapter,
  ChaptersResult,
  StoryboardResult,
  SummaryResult,
  Thumbnail,
} from '../../src/shared/results.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import { fillAreas, storyboardAreas } from '../privacy/redactStoryboard.ts';
import { activeFindings, redactsEverywhere, stageKept, stagePieces } from '../privacy/stageRedaction.ts';
import type { StageFn } from '../stage.ts';
import { drawStoryboard, type SceneView } from '../storyboard/draw.ts';
import { chooseScenes, STORYBOARD } from '../storyboard/layout.ts';
import { buildTimeline, type Span, type Timeline } from '../storyboard/timeline.ts';
import { screenSources, type ScreenSource } from '../video/screens.ts';
import { countedRecordings } from '../../src/shared/sameMeeting.ts';

interface Scene {
  screen: number;
  title: string;
  keywords: string[];
  span: Span;
  color: number;
}

function throwIfAborted(signal: AbortSignal): void {
  if (!signal.aborted) return;
  const error = new Error('The storyboard stage was cancelled.');
  error.name = 'AbortError';
  throw error;
}

/** Chapters when the chapters stage found them, else one scene per screenshot. */
function scenesOf(timeline: Timeline, chapters: ChaptersResult | undefined, summary: SummaryResult | undefined): Scene[] {
  const list: Chapter[] = chapters?.chapters ?? [];
  if (list.length > 0) {
    return list.map((chapter, i) => {
      const summed = summary?.chapters.find((c) => c.chapter === chapter.index);
      const next = list[i + 1];
      return {
        screen: chapter.firstScreen,
        title: summed?.title || chapter.title || `Chapter ${i + 1}`,
        keywords: summed?.keywords.length ? summed.keywords : (chapter.keywords ?? []),
        span: { start: timeline.screens[chapter.firstScreen] ?? timeline.start, end: next ? (timeline.screens[next.firstScreen] ?? timeline.end) : timeline.end },
        color: i,
      };
    });
  }
  return timeline.screens.map((start, i) => ({
    screen: i,
    title: `Screen ${i + 1}`,
    keywords: [],
    span: { start, end: timeline.screens[i + 1] ?? timeline.end },
    color: i,
  }));
}

/** The scene's picture: the chapters stage's thumbnail when there is one, else the screenshot itself. */
async function pictureOf(screen: ScreenSource | undefined, thumbnails: Map<string, Thumbnail>): Promise<ImageBitmap | null> {
  if (screen === undefined) return null;
  try {
    const thumbnail = thumbnails.get(screen.id);
    if (thumbnail) return await createImageBitmap(thumbnail.blob);
    // Decoded at twice the drawn height: sharp on dense screens, without a full-size bitmap.
    const resize = { resizeHeight: STORYBOARD.thumbnails.height * 2, resizeQuality: 'high' } as const;
    return await createImageBitmap(await screen.read(), resize);
  } catch {
    // The chapters stage names unreadable screenshots; here a frame stands in for it.
    return null;
  }
}

function subtitleOf(session: SessionRecord, timeline: Timeline, audio: AudioStageResult | undefined, summary: SummaryResult | undefined): string {
  const parts: string[] = [];
  if (timeline.clock) {
    const day = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' } as const;
    const from = new Date(timeline.start).toLocaleString('en-GB', day);
    const to = new Date(timeline.end).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
    parts.push(`${from} – ${to}`);
  }
  if (audio) parts.push(`${audio.speechSec.toFixed(1)} s of speech`);
  if (session.tags.length > 0) parts.push(session.tags.join(', '));
  if (summary?.keywords.length) parts.push(`Keywords: ${summary.keywords.join(', ')}`);
  return parts.join(' · ');
}

/**
 * Draws one PNG of the session: a thumbnail per chapter along the timeline with its title and
 * keywords, a band per chapter, and a bar of speech and silence. Uses whatever earlier stages
 * left (chapters, audio, summary); with none of them it still draws the screenshots in order.
 */
export const storyboardStage: StageFn = async (ctx): Promise<StoryboardResult> => {
  const { session } = ctx;
  const chapters = ctx.results.chapters as ChaptersResult | undefined;
  const audio = ctx.results.audio as AudioStageResult | undefined;
  const summary = ctx.results.summary as SummaryResult | undefined;

  const at = new Map(session.audio.map((ref) => [ref.id, ref.at]));
  // Screenshots and video frames in time order: the list chapters' screen indexes point into.
  const screens = screenSources(ctx);
  const timeline = buildTimeline({
    screens: screens.map((screen) => screen.at),
    recordings: countedRecordings(audio?.recordings ?? []).map((r) => ({ at: r.startAt ?? at.get(r.mediaId) ?? null, durationSec: r.durationSec, segments: r.segments })),
  });
  const scenes = scenesOf(timeline, chapters, summary);
  const shown = chooseScenes(scenes.length).map((i) => scenes[i]!);
  // Results stored before thumbnails existed have none: the screenshots are decoded instead.
  const thumbnails = new Map((chapters?.thumbnails ?? []).map((t) => [t.mediaId, t]));

  const views: SceneView[] = [];
  try {
    for (const [i, scene] of shown.entries()) {
      throwIfAborted(ctx.signal);
      const image = await pictureOf(screens[scene.screen], thumbnails);
      views.push({ title: scene.title, keywords: scene.keywords, image, span: scene.span, color: scene.color });
      ctx.progress(((i + 1) / shown.length) * 0.8);
    }
    throwIfAborted(ctx.signal);
    const canvas = new OffscreenCanvas(STORYBOARD.width, STORYBOARD.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D context for OffscreenCanvas.');
    const layout = drawStoryboard(context, {
      title: session.title,
      subtitle: subtitleOf(session, timeline, audio, summary),
      scenes: views,
      bands: scenes.map((scene) => scene.span),
      timeline,
      speechKnown: audio !== undefined,
    });
    const drawn = await canvas.convertToBlob({ type: 'image/png' });
    ctx.progress(1);
    const tiles = layout.tiles.flatMap((rect, i) => {
      const screen = screens[shown[i]!.screen];
      if (!rect || !screen) return [];
      const thumbnail = thumbnails.get(screen.id);
      const scale = thumbnail?.sourceWidth ? rect.width / thumbnail.sourceWidth : null;
      return [{ mediaId: screen.id, ...rect, scale }];
    });
    const result = { blob: drawn, width: canvas.width, height: canvas.height, tiles, labels: layout.labels };
    // "Redact everywhere": the storyboard is kept (and shown) with found words and captions filled.
    if (redactsEverywhere(ctx)) result.blob = await fillAreas(drawn, storyboardAreas(result, activeFindings(ctx), stageKept(ctx), stagePieces(ctx)) ?? []);
    return result;
  } finally {
    for (const view of views) view.image?.close();
  }
};
