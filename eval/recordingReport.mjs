// The table of the recordings part of `npm run eval` (eval/run/recordings.eval.ts) for docs/quality.md.

const f2 = (x) => x.toFixed(2);

/** Markdown for chapter boundaries by time and the time taken, per recording and overall. */
export function recordingBlock({ toleranceSec, recordings }) {
  const lines = [
    `**Chapter boundaries in screen recordings** (a found start is right within ±${toleranceSec} s of a true change, one to one)`,
    '',
    '| Recording | Video | Length | True boundaries | Found | Right | Precision | Recall | F1 | Frames | Time taken (video + OCR + chapters) | Time / length |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  let truth = 0;
  let predicted = 0;
  let hits = 0;
  let length = 0;
  let taken = 0;
  for (const r of recordings) {
    const b = r.boundaries;
    truth += b.truth;
    predicted += b.predicted;
    hits += b.hits;
    length += r.durationSec;
    taken += r.seconds.total;
    const video = `${r.codec === 'vp9' ? 'VP9' : 'H.264'} ${r.width}×${r.height}`;
    const parts = `${r.seconds.total.toFixed(0)} s (${r.seconds.video.toFixed(0)} + ${r.seconds.ocr.toFixed(0)}${r.ocrReused ? ' of an earlier run' : ''} + ${r.seconds.chapters.toFixed(0)})`;
    lines.push(
      `| ${r.id} | ${video} | ${r.durationSec.toFixed(0)} s | ${b.truth} | ${b.predicted} | ${b.hits} | ${f2(b.precision)} | ${f2(b.recall)} | ${f2(b.f1)} | ${r.frames.length} | ${parts} | ${f2(r.seconds.total / r.durationSec)} |`,
    );
  }
  const precision = predicted === 0 ? 0 : hits / predicted;
  const recall = truth === 0 ? 1 : hits / truth;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const frames = recordings.reduce((n, r) => n + r.frames.length, 0);
  lines.push(
    `| **all recordings** | | ${length.toFixed(0)} s | ${truth} | ${predicted} | ${hits} | ${f2(precision)} | ${f2(recall)} | **${f2(f1)}** | ${frames} | ${taken.toFixed(0)} s | ${f2(taken / length)} |`,
  );
  return lines.join('\n');
}
