// The documents of the corpus: real text already on a Debian machine with this repo installed.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A package README from node_modules: Markdown. */
function readme(pkg) {
  return { id: pkg, title: pkg, file: 'README.md', kind: 'markdown', text: readFileSync(`${root}node_modules/${pkg}/README.md`, 'utf8') };
}

/** A licence from /usr/share/common-licenses: plain text. */
function license(name) {
  return { id: name, title: name, file: name, kind: 'text', text: readFileSync(`/usr/share/common-licenses/${name}`, 'utf8') };
}

/** A man page formatted as plain text, 90 columns, overstrikes removed. */
function man(name) {
  const raw = execFileSync('man', ['-P', 'cat', name], {
    encoding: 'utf8',
    env: { ...process.env, MANWIDTH: '90', LANG: 'C.UTF-8', MAN_KEEP_FORMATTING: '' },
  });
  // Overstrikes (x BACKSPACE x) are man's bold and underline.
  // eslint-disable-next-line no-control-regex
  const text = raw.replace(/.\x08/g, '');
  return { id: `man-${name}`, title: `${name}(1)`, file: `${name}.1`, kind: 'text', text };
}

/** Fixed choices: the corpus must be the same on every run. */
export function loadDocuments() {
  const docs = [
    ...['idb', 'comlink', 'minisearch', 'fflate', 'workerpool', 'tesseract.js', 'mediabunny', 'eslint'].map(readme),
    ...['Apache-2.0', 'MPL-2.0', 'GPL-3'].map(license),
    ...['tar', 'grep'].map(man),
  ];
  return new Map(docs.map((doc) => [doc.id, doc]));
}
