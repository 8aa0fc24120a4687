import type { UnzipOutcome, UnzippedFile, ZipLimits } from '../shared/zip.ts';
import { describeProblem, type ZipBreach } from '../shared/zipProblems.ts';
import { isZip } from './files.ts';
import { ZipBudget } from './zipBudget.ts';

/** Unpacks one zip within `limits`; a refusal comes back as data. */
export type UnzipWithin = (archive: File, limits: ZipLimits) => Promise<UnzipOutcome>;

/** One zip found inside a picked zip, named with it ("all.zip/standup.zip"), unpacked or refused. */
export type InnerZip = { name: string } & ({ ok: true; files: UnzippedFile[] } | { ok: false; message: string });

/** A picked zip's contents with its inner zips unpacked; or, when together they pass its limits, its refusal. */
export type UnpackedZips = { ok: true; loose: UnzippedFile[]; inner: InnerZip[] } | { ok: false; message: string };

/**
 * Unpacks the zips found in `outer` (each session zipped, then all zipped together), one level
 * deep: zips in them are left as they are. An inner zip that is damaged or a bomb by itself is
 * refused on its own, as a picked zip would be. All are unpacked before any is imported, within one
 * budget (`ZipBudget`): when together they pass the outer zip's limits, the outer zip is refused
 * whole and nothing of it is stored, as for a flat zip.
 */
export async function unpackInnerZips(outer: File, files: readonly UnzippedFile[], unzip: UnzipWithin, limits: ZipLimits): Promise<UnpackedZips> {
  const budget = new ZipBudget(outer.size, limits);
  const refuse = (breach: ZipBreach): UnpackedZips => ({ ok: false, message: describeProblem(outer.name, breach, limits) });
  const loose = files.filter((file) => !isZip(file));
  const spent = budget.spend(loose);
  if (spent) return refuse(spent);
  const inner: InnerZip[] = [];
  for (const zip of files.filter(isZip)) {
    const within = budget.next();
    if ('kind' in within) return refuse(within);
    // The name says where the zip was in messages; sessions are named after its part past the last slash (archiveStem).
    const name = `${outer.name}/${zip.file.name}`;
    const outcome = await unzip(new File([zip.file], name, { lastModified: zip.file.lastModified }), within);
    if (outcome.ok) {
      const breach = budget.spend(outcome.files);
      if (breach) return refuse(breach);
      inner.push({ name, ok: true, files: outcome.files });
    } else if (outcome.kind === 'too-big' || outcome.kind === 'too-many-files') {
      return refuse(budget.passed(outcome.kind));
    } else {
      inner.push({ name, ok: false, message: outcome.message });
    }
  }
  return { ok: true, loose, inner };
}
