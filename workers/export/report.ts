import type { Enrichment, ExportedActionItem, IsoTime } from '../../src/shared/export.ts';
import { STAGE_LABELS } from '../../src/shared/pipeline.ts';
import { clock } from '../../src/shared/clock.ts';
import { countOfKind, FINDING_KINDS } from '../../src/shared/privacy.ts';

/** Longest piece of a screenshot's text quoted in the report. */
const QUOTE_CHARS = 160;

/** Text as Markdown shows it literally, on one line. */
function md(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/[\\`*_[\]<>#|]/g, '\\$&');
}

function day(time: IsoTime): string | null {
  return time ? `${time.slice(0, 10)} ${time.slice(11, 16)} UTC` : null;
}

function wallClock(time: IsoTime): string | null {
  return time ? time.slice(11, 19) : null;
}


/** Why a part is missing: the stage's own message when it failed or was skipped. */
function missing(enrichment: Enrichment, stage: string, what: string): string {
  const outcome = enrichment.stages[stage];
  if (!outcome) return `_No ${what}: this session has not been enriched with it._`;
  return outcome.message ? `_No ${what}: ${md(outcome.message)}_` : `_No ${what}._`;
}

function header(e: Enrichment): string[] {
  const when = [day(e.session.startedAt), e.session.endedAt ? wallClock(e.session.endedAt) : null].filter(Boolean).join(' – ');
  const meta = [when, e.session.tags.length ? `Tags: ${e.session.tags.map(md).join(', ')}` : ''].filter(Boolean).join(' · ');
  const lines = [`# ${md(e.session.title)}`, ''];
  if (meta) lines.push(meta, '');
  const notDone = Object.entries(e.stages).filter(([, s]) => s.status !== 'done');
  const detail = notDone.map(([name, s]) => `${STAGE_LABELS[name] ?? name} ${s.status}`).join(', ');
  lines.push(`**Enrichment: ${e.status}**${detail ? ` (${detail})` : ''}.`, '');
  if (e.job?.reason && e.status !== 'complete') lines.push(`_${md(e.job.reason)}_`, '');
  for (const warning of e.warnings) lines.push(`- ${warning.file ? `${md(warning.file)}: ` : ''}${md(warning.message)}`);
  if (e.warnings.length > 0) lines.push('');
  if (e.storyboard) lines.push(`![Storyboard of ${md(e.session.title)}](${e.storyboard})`, '');
  return lines;
}

function summary(e: Enrichment): string[] {
  const lines = ['## Summary', ''];
  if (!e.stages.summary || e.stages.summary.status !== 'done') return [...lines, missing(e, 'summary', 'summary'), ''];
  if (e.summary.sentences.length) lines.push(e.summary.sentences.map(md).join(' '), '');
  if (e.summary.keywords.length) lines.push(`Keywords: ${e.summary.keywords.map(md).join(', ')}`, '');
  const actions = e.summary.actionItems.filter((item) => item.kind !== 'decision');
  const decisions = e.summary.actionItems.filter((item) => item.kind === 'decision');
  if (actions.length) {
    lines.push('### Action items', '');
    for (const item of actions) lines.push(`- [${item.done ? 'x' : ' '}] ${md(item.text)} (${itemDetails(item)})`);
    lines.push('');
  }
  if (decisions.length) {
    lines.push('### Decisions', '');
    for (const item of decisions) lines.push(`- ${md(item.text)} (${itemDetails(item)})`);
    lines.push('');
  }
  return lines;
}

/** "owner Sarah, due 2026-11-26, at 0:32, from transcript, said by Sam": what is known of an item. */
function itemDetails(item: ExportedActionItem): string {
  return [
    item.owner ? `owner ${md(item.owner)}` : '',
    item.due ? `due ${item.due}` : '',
    item.at !== undefined ? `at ${clock(item.at)}` : '',
    `from ${item.source}`,
    item.speaker ? `said by ${md(item.speaker)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}


function chapters(e: Enrichment): string[] {
  const lines = ['## Chapters', ''];
  if (e.chapters.length === 0) return [...lines, missing(e, 'chapters', 'chapters'), ''];
  for (const chapter of e.chapters) {
    const inVideo = chapter.video !== undefined ? `${clock(chapter.startSec ?? 0)}–${clock(chapter.endSec ?? 0)} of ${md(chapter.video)}` : '';
    const span = inVideo || [wallClock(chapter.start), wallClock(chapter.end)].filter(Boolean).join('–');
    const screens = chapter.screens.length > 1 ? `screens ${chapter.screens[0]! + 1}–${chapter.screens.at(-1)! + 1}` : `screen ${chapter.screens[0]! + 1}`;
    const keywords = chapter.keywords.length ? ` Keywords: ${chapter.keywords.map(md).join(', ')}.` : '';
    lines.push(`${chapter.index + 1}. **${md(chapter.title ?? `Chapter ${chapter.index + 1}`)}**${span ? `, ${span}` : ''}, ${screens}.${keywords}`);
  }
  return [...lines, ''];
}

function speech(e: Enrichment): string[] {
  const lines = ['## Speech', ''];
  if (!e.audio) return [...lines, e.stages.audio?.status === 'done' ? '_No recordings._' : missing(e, 'audio', 'speech analysis'), ''];
  const { durationSec, speechSegments, speechRatio, loudnessDb } = e.audio;
  const speechSec = speechSegments.reduce((sum, s) => sum + (s.end - s.start), 0);
  const level = loudnessDb === null ? '' : `; speech level ${loudnessDb.toFixed(1)} dBFS`;
  lines.push(
    `${speechSec.toFixed(1)} s of speech in ${durationSec.toFixed(1)} s of audio (${Math.round(speechRatio * 100)} %), in ${speechSegments.length} segments${level}.`,
    '',
  );
  return lines;
}

function transcript(e: Enrichment): string[] {
  if (!e.transcript) return [];
  const lines = ['## Transcript', ''];
  for (const cue of e.transcript) lines.push(`- ${clock(cue.start)}–${clock(cue.end)} ${cue.speaker ? `**${md(cue.speaker)}:** ` : ''}${md(cue.text)}`);
  return [...lines, ''];
}

function screens(e: Enrichment): string[] {
  if (e.screens.length === 0) return [];
  const lines = ['## Screens', ''];
  for (const [i, screen] of e.screens.entries()) {
    const text = screen.text ? md(screen.text) : '';
    const quote = text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text;
    const at = wallClock(screen.at);
    lines.push(`${i + 1}. ${md(screen.file)}${at ? `, ${at}` : ''}${quote ? `: “${quote}”` : ''}`);
  }
  return [...lines, ''];
}

function stages(e: Enrichment): string[] {
  const lines = ['## Stages', '', '| Stage | Status | Note |', '| --- | --- | --- |'];
  for (const [name, stage] of Object.entries(e.stages)) lines.push(`| ${STAGE_LABELS[name] ?? md(name)} | ${stage.status} | ${md(stage.message ?? '')} |`);
  return [...lines, ''];
}

function privacy(e: Enrichment): string[] {
  const r = e.redaction;
  if (!r) return [];
  const lines = ['## Privacy', ''];
  if (r.mode === 'off') lines.push('_Redaction is off in this library: this export was not redacted._');
  else {
    const counts = FINDING_KINDS.flatMap((kind) => (r.redacted[kind] ? [countOfKind(kind, r.redacted[kind])] : []));
    lines.push(counts.length ? `Redacted: ${counts.join(', ')}. In text they read as [email], [card], [secret] and so on; on pictures they are filled.` : 'Nothing sensitive was found.');
    if (r.notSensitive > 0) lines.push('', `${r.notSensitive} item${r.notSensitive === 1 ? '' : 's'} marked "Not sensitive" left as found.`);
  }
  for (const note of r.notes) lines.push('', `_${md(note)}_`);
  return [...lines, ''];
}

/** report.md: the same enrichment as enrichment.json, written for people to read. */
export function buildReport(enrichment: Enrichment): string {
  return [
    ...header(enrichment),
    ...summary(enrichment),
    ...chapters(enrichment),
    ...speech(enrichment),
    ...transcript(enrichment),
    ...screens(enrichment),
    ...privacy(enrichment),
    ...stages(enrichment),
  ].join('\n');
}
