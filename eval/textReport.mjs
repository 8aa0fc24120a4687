// The table of the text part of `npm run eval` (eval/run/text.eval.ts) for docs/quality.md.

const NAMES = {
  notes: 'Notes (Markdown)',
  'vtt-speakers': 'WebVTT, punctuated, `<v>` speakers',
  'srt-unpunctuated': 'SRT, no punctuation, no speakers',
  'vtt-lowercase': 'WebVTT captions, lowercase, no punctuation, `00:01.50` times',
};

const share = (right, all) => (all === 0 ? '—' : `${right}/${all} (${Math.round((right / all) * 100)}%)`);

/** Markdown for the scores of every source, and their totals. */
export function textBlock({ scores }) {
  const lines = [
    '| Source | Planted | Found | Inside a longer item | Owner right | Due date right | Decisions as decisions | False items per 100 sentences | Longest sentence | Longest item |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const s of scores) {
    const falses = ((s.falseItems / s.sentences) * 100).toFixed(1);
    lines.push(
      `| ${NAMES[s.source] ?? s.source} | ${s.planted} | ${share(s.found, s.planted)} | ${s.inside ?? '—'} | ${share(s.ownersRight, s.owners)} | ${share(s.duesRight, s.dues)} | ${share(s.decisionsRight, s.decisions)} | ${falses} (${s.falseItems} in ${s.sentences}) | ${s.longestSentence} | ${s.longestItem} |`,
    );
  }
  const missed = scores.flatMap((s) => s.missed.map((m) => `${s.source}: ${m}`));
  const wrong = scores.flatMap((s) => s.wrong.map((w) => `${s.source}: ${w}`));
  const falses = scores.flatMap((s) => s.falses.map((f) => `${s.source}: ${f}`));
  const list = (title, items) => (items.length === 0 ? [] : ['', `${title} (${items.length}):`, '', ...items.slice(0, 12).map((x) => `- ${x.replace(/[|<>]/g, '\\$&')}`), ...(items.length > 12 ? [`- … ${items.length - 12} more`] : [])]);
  return [...lines, ...list('Missed', missed), ...list('Found with a wrong owner, date or kind', wrong), ...list('False items', falses)].join('\n');
}
