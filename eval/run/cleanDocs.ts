// Real documents with no planted values, for counting false findings: the first 300 package
// READMEs under node_modules (sorted paths), Debian's licences and the evaluation corpus's man
// pages; and, held out (the detectors were not tuned on them), the next 300 READMEs.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';

export interface CleanDoc {
  id: string;
  text: string;
}

/** READMEs in the main set; as many again are held out. */
const READMES = 300;
const README_LIMIT = 2 * READMES;
const LICENSES = '/usr/share/common-licenses';

/** README.md paths under node_modules, depth-first in sorted order, nested packages too. */
function readmes(dir: string, out: string[]): void {
  if (out.length >= README_LIMIT) return;
  const names = readdirSync(dir).sort();
  if (names.includes('README.md')) out.push(`${dir}/README.md`);
  for (const name of names) {
    if (out.length >= README_LIMIT) return;
    const path = `${dir}/${name}`;
    if (name.startsWith('.') || !statSync(path).isDirectory()) continue;
    readmes(path, out);
  }
}

function man(name: string): CleanDoc | null {
  try {
    const raw = execFileSync('man', ['-P', 'cat', name], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '90', LANG: 'C.UTF-8' } });
    // eslint-disable-next-line no-control-regex
    return { id: `man ${name}`, text: raw.replace(/.\x08/g, '') };
  } catch {
    return null;
  }
}

/** The clean documents found on this machine, in a fixed order, and the held-out READMEs. */
export function cleanDocuments(): { docs: CleanDoc[]; heldOut: CleanDoc[] } {
  const paths: string[] = [];
  readmes('node_modules', paths);
  const read = (path: string) => ({ id: path, text: readFileSync(path, 'utf8') });
  const docs = paths.slice(0, READMES).map(read);
  const heldOut = paths.slice(READMES).map(read);
  if (existsSync(LICENSES)) {
    for (const name of readdirSync(LICENSES).sort()) {
      const path = `${LICENSES}/${name}`;
      if (statSync(path).isFile()) docs.push({ id: path, text: readFileSync(path, 'utf8') });
    }
  }
  for (const doc of ['tar', 'grep'].map(man)) if (doc) docs.push(doc);
  return { docs, heldOut };
}
