/**
 * Resident memory of this bench's Chromium renderer processes (the page and its dedicated workers,
 * WebCodecs' software decoders included), read from /proc: workers have no heap figure a page can
 * read without cross-origin isolation. Linux only; null figures elsewhere or in incognito mode.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { clearInterval, setInterval } from 'node:timers';

/** How often the processes are sampled while a scenario runs. */
const SAMPLE_EVERY_MS = 200;

function rendererRss(profileDir) {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      // Chromium rewrites its children's argv into one string: match on substrings.
      if (!cmdline.includes(profileDir) || !cmdline.includes('--type=renderer')) continue;
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

/** Starts sampling; `stop()` gives the baseline (first sample), the peak and their difference, in bytes. */
export function rendererMemory(profileDir) {
  if (!profileDir || process.platform !== 'linux') return { stop: () => ({ baselineRssBytes: null, peakRssBytes: null, peakAboveBaselineBytes: null }) };
  const baseline = rendererRss(profileDir);
  let peak = baseline;
  let result = null;
  let timer = setInterval(() => (peak = Math.max(peak, rendererRss(profileDir))), SAMPLE_EVERY_MS);
  return {
    stop() {
      if (timer === null) return result;
      clearInterval(timer);
      timer = null;
      peak = Math.max(peak, rendererRss(profileDir));
      result = { baselineRssBytes: baseline, peakRssBytes: peak, peakAboveBaselineBytes: peak - baseline };
      return result;
    },
  };
}
