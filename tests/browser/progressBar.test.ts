import { expect, test } from 'vitest';
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { ProgressBar } from '../../src/ui/ProgressBar.tsx';
import '../../src/ui/styles.css';
import { reactRoot } from './fixtures/reactRoot.ts';

// During a batch the rows' and the batch's bars move several times a second. A bar whose fill
// changes its width lays the page out on every frame of its glide, on a main thread that shares two
// cores with the OCR workers; a fill that scales glides on the compositor and lays out nothing.

const { root, host } = reactRoot(() => Object.assign(document.createElement('div'), { style: 'width: 400px' }));

function renderBar(value: number): { track: HTMLElement; fill: HTMLElement } {
  flushSync(() => root().render(createElement(ProgressBar, { value, label: 'Batch progress' })));
  const track = host().querySelector<HTMLElement>('[role="progressbar"]')!;
  return { track, fill: track.firstElementChild as HTMLElement };
}

async function settled(fill: HTMLElement): Promise<void> {
  await Promise.all(fill.getAnimations().map((animation) => animation.finished));
}

test('the fill shows the value as a share of the track, and says it to screen readers', async () => {
  const { track, fill } = renderBar(0.3);
  await settled(fill);
  expect(track.getAttribute('aria-valuenow')).toBe('30');
  expect(fill.getBoundingClientRect().width).toBeCloseTo(0.3 * track.clientWidth, 0);
  expect(fill.getBoundingClientRect().left).toBeCloseTo(track.getBoundingClientRect().left, 0);
});

test('a new value glides as a transform: the fill keeps its laid-out width, so the page is not laid out again', async () => {
  const { track, fill } = renderBar(0.3);
  await settled(fill);
  const laidOut = fill.offsetWidth;
  renderBar(0.8);
  const gliding = fill.getAnimations();
  expect(gliding.map((animation) => (animation as CSSTransition).transitionProperty)).toEqual(['transform']);
  // offsetWidth is the layout box, which transforms do not change: a width animation would move it.
  expect(fill.offsetWidth).toBe(laidOut);
  expect(fill.offsetWidth).toBe(track.clientWidth);
  await settled(fill);
  expect(fill.offsetWidth).toBe(laidOut);
  expect(fill.getBoundingClientRect().width).toBeCloseTo(0.8 * track.clientWidth, 0);
  expect(track.getAttribute('aria-valuenow')).toBe('80');
});

test('values outside 0..1 are held to the track', async () => {
  const { track, fill } = renderBar(1.7);
  await settled(fill);
  expect(track.getAttribute('aria-valuenow')).toBe('100');
  expect(fill.getBoundingClientRect().width).toBeCloseTo(track.clientWidth, 0);
  const empty = renderBar(-0.2);
  await settled(empty.fill);
  expect(empty.track.getAttribute('aria-valuenow')).toBe('0');
  expect(empty.fill.getBoundingClientRect().width).toBeCloseTo(0, 0);
});
