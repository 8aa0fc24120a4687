// Renders the app's icons from one SVG logo with Chromium. Run: node scripts/make-icons.mjs
// Writes public/icons/icon-192.png, icon-512.png (transparent corners) and maskable-512.png
// (full-bleed background, the mark inside the central 80% safe zone that every mask keeps).
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright';

const out = new URL('../public/icons/', import.meta.url).pathname;
const BLUE = '#2a6df4';

/** Three lines of a transcript, shortening, and a spark: a session being enriched. */
const mark = `
  <path d="M16 20h32v6H16zm0 12h24v6H16zm0 12h16v6H16z" fill="#fff"/>
  <path d="M47 34l2.2 5.8L55 42l-5.8 2.2L47 50l-2.2-5.8L39 42l5.8-2.2z" fill="#ffd34d"/>`;

const logo = (size) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64">
     <rect width="64" height="64" rx="14" fill="${BLUE}"/>${mark}</svg>`;

// The mark scaled to 70% around the centre: well inside the safe circle (radius 40% of the size).
const maskable = (size) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64">
     <rect width="64" height="64" fill="${BLUE}"/><g transform="translate(32 32) scale(0.7) translate(-35.5 -35)">${mark}</g></svg>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();

async function render(svg, size, file) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<body style="margin:0">${svg}</body>`);
  writeFileSync(`${out}${file}`, await page.locator('svg').screenshot({ omitBackground: true }));
  console.log(`${file} ${size}x${size}`);
}

mkdirSync(out, { recursive: true });
await render(logo(192), 192, 'icon-192.png');
await render(logo(512), 512, 'icon-512.png');
await render(maskable(512), 512, 'maskable-512.png');
await browser.close();
