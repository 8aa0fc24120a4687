import { pick } from './random.ts';
import type { Random } from './random.ts';

/** Size of a generated screenshot. */
export const SCREEN_WIDTH = 1280;
export const SCREEN_HEIGHT = 720;

type Context = OffscreenCanvasRenderingContext2D;

/** Where a layout wants its text: a light area, dark text drawn from (x, y) down. */
interface TextArea {
  x: number;
  y: number;
  width: number;
}

/** Draws the window chrome of one kind of app and says where its text goes. */
type Layout = (ctx: Context, accent: string, app: string) => TextArea;

function titleBar(ctx: Context, colour: string, app: string): void {
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, SCREEN_WIDTH, 40);
  for (const [i, dot] of ['#ff5f57', '#febc2e', '#28c840'].entries()) {
    ctx.fillStyle = dot;
    ctx.beginPath();
    ctx.arc(22 + i * 22, 20, 7, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.fillStyle = '#f8f9fa';
  ctx.font = '20px sans-serif';
  ctx.fillText(app, 100, 27);
}

function sidebarItems(ctx: Context, x: number, y: number, colour: string, items: string[]): void {
  ctx.fillStyle = colour;
  ctx.font = '20px sans-serif';
  for (const [i, item] of items.entries()) ctx.fillText(item, x, y + i * 44);
}

/**
 * The kinds of screens a session moves between. They differ in where their big light and dark
 * blocks sit, which is what a perceptual hash sees; text only changes within a scene.
 */
const LAYOUTS: Record<string, Layout> = {
  // A mail or chat client: dark sidebar on the left, white reading pane.
  sidebarLeft(ctx, accent, app) {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, SCREEN_WIDTH, SCREEN_HEIGHT);
    titleBar(ctx, '#2d3142', app);
    ctx.fillStyle = accent;
    ctx.fillRect(0, 40, 300, SCREEN_HEIGHT - 40);
    sidebarItems(ctx, 28, 100, '#e9ecef', ['Inbox', 'Projects', 'Customers', 'Reports']);
    return { x: 340, y: 110, width: 900 };
  },
  // A project tool: a tall coloured header band, light panel on the right.
  headerBand(ctx, accent, app) {
    ctx.fillStyle = '#f1f3f5';
    ctx.fillRect(0, 0, SCREEN_WIDTH, SCREEN_HEIGHT);
    titleBar(ctx, '#343a40', app);
    ctx.fillStyle = accent;
    ctx.fillRect(0, 40, SCREEN_WIDTH, 240);
    ctx.fillStyle = '#ced4da';
    ctx.fillRect(940, 280, 340, SCREEN_HEIGHT - 280);
    ctx.fillStyle = '#ffffff';
    ctx.font = 'bold 28px sans-serif';
    ctx.fillText('Board', 40, 130);
    return { x: 40, y: 330, width: 860 };
  },
  // A dashboard: dark canvas, one light card on the right, a bar chart on the left.
  dashboard(ctx, accent, app) {
    ctx.fillStyle = '#212529';
    ctx.fillRect(0, 0, SCREEN_WIDTH, SCREEN_HEIGHT);
    titleBar(ctx, '#000000', app);
    for (let i = 0; i < 6; i++) {
      ctx.fillStyle = accent;
      const height = 120 + ((i * 97) % 300);
      ctx.fillRect(50 + i * 75, 660 - height, 50, height);
    }
    ctx.fillStyle = '#f8f9fa';
    ctx.fillRect(540, 80, 700, 600);
    return { x: 570, y: 140, width: 650 };
  },
  // A document editor: a white page on a grey desk under a dark toolbar ribbon.
  document(ctx, accent, app) {
    ctx.fillStyle = '#868e96';
    ctx.fillRect(0, 0, SCREEN_WIDTH, SCREEN_HEIGHT);
    titleBar(ctx, '#343a40', app);
    ctx.fillStyle = accent;
    ctx.fillRect(0, 40, SCREEN_WIDTH, 90);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(290, 150, 700, SCREEN_HEIGHT - 150);
    return { x: 330, y: 200, width: 620 };
  },
  // A spreadsheet: light grid between a dark formula bar and a dark sheet-tab bar.
  spreadsheet(ctx, accent, app) {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, SCREEN_WIDTH, SCREEN_HEIGHT);
    titleBar(ctx, accent, app);
    ctx.fillStyle = '#495057';
    ctx.fillRect(0, 40, SCREEN_WIDTH, 70);
    ctx.fillRect(0, 110, 60, SCREEN_HEIGHT - 110);
    ctx.fillRect(0, 650, SCREEN_WIDTH, 70);
    ctx.strokeStyle = '#adb5bd';
    ctx.lineWidth = 1;
    for (let x = 60; x < SCREEN_WIDTH; x += 200) ctx.strokeRect(x, 110, 200, 540);
    return { x: 80, y: 160, width: 1180 };
  },
  // A video call: shared notes top left, a dark participant list, a coloured strip of tiles.
  call(ctx, accent, app) {
    ctx.fillStyle = '#e9ecef';
    ctx.fillRect(0, 0, SCREEN_WIDTH, SCREEN_HEIGHT);
    titleBar(ctx, '#1b1f24', app);
    ctx.fillStyle = '#343a40';
    ctx.fillRect(820, 40, 460, 420);
    sidebarItems(ctx, 850, 100, '#f8f9fa', ['Participants', 'Alex', 'Sam', 'Priya', 'Jordan']);
    ctx.fillStyle = accent;
    ctx.fillRect(0, 460, SCREEN_WIDTH, 260);
    ctx.fillStyle = '#343a40';
    ctx.fillRect(60, 490, 540, 200);
    ctx.fillRect(680, 490, 540, 200);
    return { x: 40, y: 90, width: 740 };
  },
};

/** Names of the layouts, to pick scenes from. */
export const LAYOUT_NAMES = Object.keys(LAYOUTS);

/** The app each layout stands for, and the accent colours it comes in. */
const STYLES: Record<string, { app: string; accents: string[] }> = {
  sidebarLeft: { app: 'Mail', accents: ['#1e3a5f', '#3b2f63', '#14532d'] },
  headerBand: { app: 'Tracker', accents: ['#d9480f', '#1971c2', '#9c36b5'] },
  dashboard: { app: 'Metrics', accents: ['#4dabf7', '#69db7c', '#ffa94d'] },
  document: { app: 'Docs', accents: ['#1864ab', '#2b8a3e', '#862e9c'] },
  spreadsheet: { app: 'Sheets', accents: ['#2b8a3e', '#0b7285', '#5f3dc4'] },
  call: { app: 'Meet', accents: ['#5c7cfa', '#20c997', '#f06595'] },
};

/** How one scene looks: fixed for all its screenshots. */
export interface SceneLook {
  layout: string;
  accent: string;
  app: string;
}

/** Picks the colours of a scene with the given layout. */
export function sceneLook(random: Random, layout: string): SceneLook {
  const style = STYLES[layout] ?? { app: 'App', accents: ['#495057'] };
  return { layout, accent: pick(random, style.accents), app: style.app };
}

/** Draws one screenshot: the scene's chrome, a heading and lines of text. PNG. */
export async function drawScreen(look: SceneLook, heading: string, lines: string[]): Promise<Blob> {
  const canvas = new OffscreenCanvas(SCREEN_WIDTH, SCREEN_HEIGHT);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('OffscreenCanvas has no 2D context here.');
  const layout = LAYOUTS[look.layout];
  if (!layout) throw new RangeError(`Unknown layout \`${look.layout}\``);
  const area = layout(ctx, look.accent, look.app);
  ctx.fillStyle = '#212529';
  ctx.font = 'bold 28px sans-serif';
  ctx.fillText(heading, area.x, area.y, area.width);
  ctx.font = '22px sans-serif';
  for (const [i, line] of lines.entries()) {
    ctx.fillText(line, area.x, area.y + 50 + i * 36, area.width);
  }
  return canvas.convertToBlob({ type: 'image/png' });
}
