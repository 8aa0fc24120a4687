/* global window, performance, requestAnimationFrame, cancelAnimationFrame, PerformanceObserver */

/**
 * Installed by the driver into every page of the bench profile before any of the page's scripts
 * (context.addInitScript), so it sees the app exactly as shipped. Passive until `start()`:
 * - long tasks through PerformanceObserver('longtask');
 * - frame gaps between requestAnimationFrame callbacks;
 * - React commits, through the hook React DevTools uses (React calls `onCommitFiberRoot` once per
 *   commit, in production builds too, when the hook exists before React loads);
 * - clicks, through the Event Timing API: from the input to the next frame painted after its
 *   handlers ran (what INP measures), 8 ms granular.
 * Self-contained: Playwright sends its source text to the page.
 */
export function installProbe() {
  const state = { running: false, startedAt: 0, longTasks: [], gaps: [], commits: 0, clicks: [] };
  if (!window.__REACT_DEVTOOLS_GLOBAL_HOOK__) {
    window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      renderers: new Map(),
      supportsFiber: true,
      isDisabled: false,
      inject(renderer) {
        this.renderers.set(this.renderers.size + 1, renderer);
        return this.renderers.size;
      },
      onCommitFiberRoot() {
        if (state.running) state.commits++;
      },
      onCommitFiberUnmount() {},
      onPostCommitFiberRoot() {},
      onScheduleFiberRoot() {},
      checkDCE() {},
      on() {},
      off() {},
      sub() {
        return () => {};
      },
      emit() {},
    };
  }
  let observer = null;
  let events = null;
  let raf = 0;
  let last = 0;
  const onFrame = (time) => {
    if (!state.running) return;
    state.gaps.push(time - last);
    last = time;
    raf = requestAnimationFrame(onFrame);
  };
  const record = (entries) => {
    for (const entry of entries) state.longTasks.push(entry.duration);
  };
  const recordClicks = (entries) => {
    for (const entry of entries) if (entry.name === 'click') state.clicks.push(entry.duration);
  };
  window.__benchProbe = {
    start() {
      state.running = true;
      state.startedAt = performance.now();
      state.longTasks = [];
      state.gaps = [];
      state.commits = 0;
      state.clicks = [];
      observer = new PerformanceObserver((list) => record(list.getEntries()));
      observer.observe({ type: 'longtask' });
      events = new PerformanceObserver((list) => recordClicks(list.getEntries()));
      events.observe({ type: 'event', durationThreshold: 16 });
      raf = requestAnimationFrame((time) => {
        last = time;
        raf = requestAnimationFrame(onFrame);
      });
    },
    stop() {
      state.running = false;
      cancelAnimationFrame(raf);
      if (observer) {
        record(observer.takeRecords());
        observer.disconnect();
      }
      if (events) {
        recordClicks(events.takeRecords());
        events.disconnect();
      }
      const seconds = (performance.now() - state.startedAt) / 1000;
      const gaps = [...state.gaps].sort((a, b) => a - b);
      const at = (q) => (gaps.length === 0 ? 0 : gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))]);
      return {
        seconds,
        longTasks: state.longTasks.length,
        longTaskMs: state.longTasks.reduce((a, b) => a + b, 0),
        longestTaskMs: state.longTasks.reduce((a, b) => Math.max(a, b), 0),
        frames: gaps.length,
        fps: gaps.length / seconds,
        maxFrameGapMs: gaps.length === 0 ? 0 : gaps[gaps.length - 1],
        p99FrameGapMs: at(0.99),
        medianFrameGapMs: at(0.5),
        reactCommits: state.commits,
        reactCommitsPerSec: state.commits / seconds,
        // Clicks under 16 ms are not reported by the browser: 0 then means "under 16 ms".
        clickToPaintMs: state.clicks.reduce((a, b) => Math.max(a, b), 0),
      };
    },
  };
}
