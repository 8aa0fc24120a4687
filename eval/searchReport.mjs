// The table of `npm run eval:search` (eval/run/search.eval.ts) for docs/quality.md.

const KINDS = {
  word: 'A word, typed whole',
  prefix: 'Its first 5 letters (typing)',
  typo: 'With one letter left out',
};
const INDEXES = { ocr: 'OCR text (as the app reads)', screen: "Screens' true text (DOM)" };

const share = (n, all) => `${n}/${all} (${((n / all) * 100).toFixed(1)}%)`;

/** Markdown for each kind of query over both indexes, and the misses of the OCR index. */
export function searchBlock({ limit, sessions, queries, results }) {
  const lines = [
    `${queries} queries over ${sessions} sessions; the app's ${limit} hits each.`,
    '',
    '| Index | Query | Found in the hits | First hit right | Found in its own session |',
    '|---|---|---|---|---|',
  ];
  for (const [index, { byKind }] of Object.entries(results)) {
    for (const [kind, s] of Object.entries(byKind)) {
      lines.push(`| ${INDEXES[index] ?? index} | ${KINDS[kind] ?? kind} | ${share(s.found, s.queries)} | ${share(s.firstRight, s.queries)} | ${share(s.sourceFound, s.queries)} |`);
    }
  }
  const misses = results.ocr?.misses ?? [];
  if (misses.length > 0) lines.push('', `Not found over the OCR text: ${misses.map((m) => `"${m.query.text}" (${m.query.kind})`).join(', ')}.`);
  return lines.join('\n');
}
