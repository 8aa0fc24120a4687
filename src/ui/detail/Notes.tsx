import type { ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';

/**
 * Notes come from imported files, so they are untrusted. react-markdown builds React elements (no
 * innerHTML): raw HTML in the notes stays text, and unsafe link targets are dropped. Images would
 * fetch from other hosts, so they show as their alt text.
 */
const components: Components = {
  // The notes sit under the detail's h3 "Notes": their headings rank below it.
  h1: 'h4',
  h2: 'h5',
  h3: 'h6',
  h4: 'h6',
  h5: 'h6',
  img: ({ alt }) => <span className="notes-image">{alt ? `[${alt}]` : '[image]'}</span>,
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
};

/** Parsing is on the main thread: past this many characters the notes are shown as plain text. */
const MARKDOWN_LIMIT = 100_000;

/** Splits long notes at a line break, so that the Markdown part ends on a whole line. */
function split(text: string): [markdown: string, rest: string] {
  if (text.length <= MARKDOWN_LIMIT) return [text, ''];
  const cut = text.lastIndexOf('\n', MARKDOWN_LIMIT);
  const at = cut > 0 ? cut : MARKDOWN_LIMIT;
  return [text.slice(0, at), text.slice(at)];
}

/** `action`: what can be done with text selected in the notes ("Redact this too"). */
export function Notes({ text, action }: { text: string; action?: ReactNode }) {
  const [markdown, rest] = split(text);
  return (
    <section aria-label="Notes">
      <h3>Notes</h3>
      {action}
      <div className="notes" data-mark-notes="">
        <Markdown components={components}>{markdown}</Markdown>
        {rest && <pre className="notes-rest">{rest}</pre>}
      </div>
    </section>
  );
}
