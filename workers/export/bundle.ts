import type { EnricherDb, ResultRecord } from '../../src/shared/db.ts';
import type { Enrichment, ExportFile, SessionExport } from '../../src/shared/export.ts';
import { countByKind } from '../../src/shared/privacy.ts';
import { loadPrivacyContext } from '../../src/shared/privacyStore.ts';
import type { AudioStageResult, StoryboardResult } from '../../src/shared/results.ts';
import type { SessionRecord } from '../../src/shared/session.ts';
import { decodeWav } from '../audio/wav.ts';
import { buildEnrichment, hasOwnLoudness, STORYBOARD_FILE } from './enrichment.ts';
import { LoudnessMeter } from './loudness.ts';
import { safeFolderName, uniqueFolderNames } from './names.ts';
import { exportRedactionPlan, type ExportRedactionPlan } from './exportRedaction.ts';
import { fillAreas, storyboardAreas } from '../privacy/redactStoryboard.ts';
import { packedJobsBySession } from '../../src/shared/packedJobs.ts';
import { readStoredJobsOfSession } from '../../src/shared/runningJobs.ts';
import type { Job } from '../../src/shared/job.ts';
import { shownJob, withJob, type SessionJobs } from '../../src/shared/shownJob.ts';
import { buildReport } from './report.ts';
import { redactStrings } from '../privacy/redactText.ts';
import { withoutRedactedWords } from './redactedWords.ts';
import { ZipWriter } from './zipWriter.ts';

/**
 * The level of the session's recordings measured from the stored WAVs, for results whose audio
 * stage did not measure it; null when it did, or when nothing can be read.
 */
async function measuredLoudness(db: EnricherDb, record: ResultRecord | undefined): Promise<number | null> {
  const outcome = record?.outcomes.audio;
  if (outcome?.status !== 'done') return null;
  const audio = outcome.result as AudioStageResult;
  if (hasOwnLoudness(audio)) return null;
  const meter = new LoudnessMeter();
  for (const recording of audio.recordings) {
    const media = await db.get('media', recording.mediaId);
    if (!media) continue;
    try {
      meter.add(decodeWav(await media.blob.arrayBuffer()).samples);
    } catch {
      // Not a WAV this app decodes: its loudness is simply unknown.
    }
  }
  return meter.db;
}

/** Every string of the enrichment redacted (unless the setting is off), with the redaction summary added. */
function redactedEnrichment(enrichment: Enrichment, plan: ExportRedactionPlan, notes: string[]): Enrichment {
  const redacted = plan.mode === 'off' ? enrichment : withoutRedactedWords(enrichment, redactStrings(enrichment, plan.kept, plan.pieces));
  const counts = plan.mode === 'off' ? {} : countByKind(plan.findings);
  return { ...redacted, redaction: { mode: plan.mode, redacted: counts, notSensitive: plan.notSensitive, notes: [...plan.notes, ...notes] } };
}

/**
 * The storyboard as it may leave the app: with found words and captions filled; null when it
 * cannot be redacted (drawn before redaction kept its layout) and something in the session needs it.
 */
async function exportedStoryboard(storyboard: StoryboardResult, plan: ExportRedactionPlan): Promise<Blob | null> {
  if (plan.mode === 'off') return storyboard.blob;
  const areas = storyboardAreas(storyboard, plan.findings, plan.kept, plan.pieces);
  if (areas === null) return plan.findings.length === 0 ? storyboard.blob : null;
  return fillAreas(storyboard.blob, areas);
}

/** A session's exported files, and its title as exported (redacted like the rest): folders are named after it. */
async function filesOf(db: EnricherDb, session: SessionRecord, packed: ReadonlyMap<string, readonly Job[]>): Promise<{ title: string; files: ExportFile[] }> {
  const record = await db.get('results', session.id);
  const stored = await readStoredJobsOfSession(db, session.id);
  // A running job is in its pack too, as it was before the run: the running copy is the current one.
  const jobs = [...stored, ...(packed.get(session.id) ?? []).filter((job) => !stored.some((known) => known.id === job.id))];
  // As the app shows it: a privacy pass that succeeded over the result does not stand for the enrichment.
  const latest = shownJob(jobs.reduce<SessionJobs>(withJob, {}));
  const plan = exportRedactionPlan(session, record, await loadPrivacyContext(db, session.id));
  const built = buildEnrichment(session, record, { loudnessDb: await measuredLoudness(db, record) }, latest);
  const storyboard = record?.outcomes.storyboard;
  const picture = built.storyboard && storyboard?.status === 'done' ? await exportedStoryboard(storyboard.result as StoryboardResult, plan) : null;
  const notes = built.storyboard && picture === null ? ['storyboard.png was left out: it was drawn before it could be redacted. Enrich the session again to export it.'] : [];
  const enrichment = redactedEnrichment(picture === null ? { ...built, storyboard: null } : built, plan, notes);
  const files: ExportFile[] = [
    { name: 'enrichment.json', blob: new Blob([`${JSON.stringify(enrichment, null, 2)}\n`], { type: 'application/json' }) },
    { name: 'report.md', blob: new Blob([buildReport(enrichment)], { type: 'text/markdown' }) },
  ];
  if (picture) files.push({ name: STORYBOARD_FILE, blob: picture });
  return { title: enrichment.session.title, files };
}

async function sessionOf(db: EnricherDb, sessionId: string): Promise<SessionRecord> {
  const session = await db.get('sessions', sessionId);
  if (!session) throw new Error('This session is no longer stored, so it cannot be exported.');
  return session;
}

async function addFolder(zip: ZipWriter, folder: string, files: readonly ExportFile[]): Promise<void> {
  for (const file of files) {
    zip.add(`${folder}/${file.name}`, new Uint8Array(await file.blob.arrayBuffer()), { store: file.name.endsWith('.png') });
  }
}

/** enrichment.json, report.md and storyboard.png (when drawn) of one session, with its folder name. */
export async function exportSessionFiles(db: EnricherDb, sessionId: string): Promise<SessionExport> {
  const session = await sessionOf(db, sessionId);
  const { title, files } = await filesOf(db, session, await packedJobsBySession(db));
  return { folder: safeFolderName(title), files };
}

/** One session's files in a zip, inside a folder named after the session. */
export async function exportSessionZip(db: EnricherDb, sessionId: string): Promise<{ name: string; blob: Blob }> {
  const { folder, files } = await exportSessionFiles(db, sessionId);
  const zip = new ZipWriter();
  await addFolder(zip, folder, files);
  return { name: `${folder}.zip`, blob: zip.finish() };
}

/** Every session, oldest import first, in one zip: a folder each, named uniquely after its title. */
export async function exportAllZip(db: EnricherDb, now = new Date()): Promise<{ name: string; blob: Blob; sessions: number }> {
  const sessions = await db.getAllFromIndex('sessions', 'by-imported');
  const packed = await packedJobsBySession(db);
  const exported = [];
  for (const session of sessions) exported.push(await filesOf(db, session, packed));
  const folders = uniqueFolderNames(exported.map((session) => session.title));
  const zip = new ZipWriter(now);
  for (const [i, { files }] of exported.entries()) await addFolder(zip, folders[i]!, files);
  return { name: `session-enrichment-${now.toISOString().slice(0, 10)}.zip`, blob: zip.finish(), sessions: sessions.length };
}
