import { describe, expect, test } from 'vitest';
import { drawStoryboard, type StoryboardView } from '../../workers/storyboard/draw.ts';

/**
 * A 2D context that draws nothing and measures every character as 7 px wide, counting the
 * characters it was asked to measure: the work a real canvas does for measureText.
 */
function measuringContext() {
  const counted = { calls: 0, characters: 0 };
  const context = new Proxy(
    {
      measureText(text: string) {
        counted.calls += 1;
        counted.characters += text.length;
        return { width: text.length * 7 };
      },
    } as Record<string | symbol, unknown>,
    {
      get: (target, key) => (key in target ? target[key] : () => {}),
      set: (target, key, value) => {
        target[key] = value;
        return true;
      },
    },
  );
  return { context: context as unknown as OffscreenCanvasRenderingContext2D, counted };
}

/**
 * The storyboard draws the session's title and each chapter's keywords, cut to fit. Notes with a
 * pasted base64 blob or minified JSON give a "keyword" of hundreds of thousands of characters,
 * and a session.json may give such a title. Cutting one character at a time measured the whole
 * text again each time: hundreds of thousands of measurements of hundreds of thousands of
 * characters, and the job timed out.
 */
describe('drawStoryboard() with a caption of half a million characters', () => {
  const huge = 'é'.repeat(500_000);
  const view: StoryboardView = {
    title: huge,
    subtitle: `Keywords: ${huge}`,
    scenes: [{ title: 'Chapter 1', keywords: [huge], image: null, span: { start: 0, end: 1000 }, color: 0 }],
    bands: [{ start: 0, end: 1000 }],
    timeline: { start: 0, end: 1000, clock: false, screens: [0], recorded: [], speech: [] },
    speechKnown: false,
  };

  test('cuts it with an ellipsis after measuring a few dozen times, not once per character', () => {
    const { context, counted } = measuringContext();
    const layout = drawStoryboard(context, view);
    // Each caption is measured whole once, then in halves: about log2(500,000) ≈ 19 times.
    expect(counted.calls).toBeLessThan(200);
    expect(counted.characters).toBeLessThan(50_000_000);
    const title = layout.labels.find((label) => label.text === huge);
    expect(title?.width).toBeGreaterThan(0);
  });
});
