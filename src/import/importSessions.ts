import { DEFAULT_PACING, type Pacing } from '../shared/pacing.ts';
import type { SessionRecord } from '../shared/session.ts';
import type { SessionStore } from '../store/sessionStore.ts';
import { buildSession, filesByPath } from './buildSession.ts';
import type { PickedFile } from './files.ts';
import { groupFiles } from './groupFiles.ts';
import { refusal } from './refusal.ts';

export interface ImportReport {
  imported: SessionRecord[];
  /** Plain reasons for what could not be imported. */
  refused: string[];
}

/**
 * Turns picked or dropped files into stored sessions, one transaction per session. `pacing` keeps
 * each task of the main thread short (a big folder is read and written in slices).
 */
export async function importSessions(
  picked: readonly PickedFile[],
  store: SessionStore,
  now = Date.now(),
  pacing: Pacing = DEFAULT_PACING,
): Promise<ImportReport> {
  const groups = groupFiles(picked.map((p) => p.path));
  if (groups.length === 0) {
    return { imported: [], refused: ['No session was found: a session folder holds screenshots, audio, a transcript, notes or a session.json.'] };
  }
  const files = filesByPath(picked);
  const report: ImportReport = { imported: [], refused: [] };
  for (const [index, group] of groups.entries()) {
    const name = group.folder || 'the picked files';
    try {
      const { session, media } = await buildSession(group, files, now + index, pacing);
      // Its writes' first slices in a task of their own, not after the last files' reads.
      await pacing.nextTask();
      await store.add(session, media, pacing);
      report.imported.push(session);
    } catch (error) {
      report.refused.push(refusal(name, error));
    }
  }
  return report;
}
