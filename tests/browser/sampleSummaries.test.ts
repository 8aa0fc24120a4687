import { beforeAll, describe, expect, test } from 'vitest';
import type { ChaptersResult, IndexResult, SummaryResult, TranscriptResult } from '../../src/shared/results.ts';
import type { SampleSession } from '../../src/shared/samples.ts';
import { generateSampleSession } from '../../workers/samples/generate.ts';
import type { StageFn } from '../../workers/stage.ts';
import { chaptersStage } from '../../workers/stages/chapters.ts';
import { indexStage } from '../../workers/stages/index.ts';
import { summaryStage } from '../../workers/stages/summary.ts';
import { transcriptStage } from '../../workers/stages/transcript.ts';
import { sampleHarness } from './fixtures/stageHarness.ts';

const COUNT = 12;

/** Runs chapters, transcript, summary and index over a sample, as the worker does; with each stage's time. */
async function enrich(sample: SampleSession, index: number) {
  const results: Record<string, unknown> = {};
  const ms: Record<string, number> = {};
  const { ctx } = sampleHarness(sample, index, results);
  const stages: Array<[string, StageFn]> = [['chapters', chaptersStage], ['transcript', transcriptStage], ['summary', summaryStage], ['index', indexStage]];
  for (const [name, stage] of stages) {
    const started = performance.now();
    results[name] = await stage(ctx);
    ms[name] = performance.now() - started;
  }
  return {
    chapters: results.chapters as ChaptersResult,
    transcript: results.transcript as TranscriptResult,
    summary: results.summary as SummaryResult,
    index: results.index as IndexResult,
    ms,
  };
}

describe('sample sessions through transcript, summary and index', () => {
  const samples: SampleSession[] = [];
  const enriched: Array<Awaited<ReturnType<typeof enrich>>> = [];

  beforeAll(async () => {
    for (let index = 0; index < COUNT; index++) {
      const sample = await generateSampleSession(1, index);
      samples.push(sample);
      enriched.push(await enrich(sample, index));
    }
    const mean = (stage: string) => (enriched.reduce((sum, e) => sum + (e.ms[stage] ?? 0), 0) / COUNT).toFixed(1);
    console.info(`mean stage time over ${COUNT} samples: transcript ${mean('transcript')} ms, summary ${mean('summary')} ms, index ${mean('index')} ms`);
  }, 240_000);

  test('transcriptStage - one cue per burst of speech, on the session timeline, in a chapter', () => {
    for (const [i, sample] of samples.entries()) {
      const { transcript, chapters } = enriched[i]!;
      expect(transcript.warnings).toEqual([]);
      expect(transcript.cues.map(({ start, end }) => ({ start, end }))).toEqual(sample.expected.speech);
      for (const cue of transcript.cues) {
        expect(cue.at).toBe(sample.audio.at + Math.round(cue.start * 1000));
        expect(chapters.chapters.map((c) => c.index)).toContain(cue.chapter);
      }
    }
  });

  test('summaryStage - finds every action item of the notes and the commitments of the transcript', () => {
    for (const [i, sample] of samples.entries()) {
      const { summary } = enriched[i]!;
      const written = [...sample.notes.matchAll(/^(?:- \[ \] |TODO: |Action: )(.+)$/gm)].map((m) => m[1]);
      expect(summary.actionItems.filter((item) => item.source === 'notes').map((item) => item.text)).toEqual(written);
      expect(summary.actionItems.some((item) => item.source === 'transcript' && /^(We need to|I'll|Let's) /.test(item.text))).toBe(true);
      expect(summary.keywords.length).toBeGreaterThan(0);
      expect(summary.sentences.length).toBeGreaterThan(0);
      expect(summary.chapters).toHaveLength(enriched[i]!.chapters.chapters.length);
    }
  });

  test('indexStage - a session document, one per chapter, and transcript stretches with their times', () => {
    for (const [i, sample] of samples.entries()) {
      const { index, chapters, transcript } = enriched[i]!;
      const kinds = index.documents.map((doc) => doc.kind);
      expect(kinds.filter((kind) => kind === 'session')).toHaveLength(1);
      expect(kinds.filter((kind) => kind === 'chapter')).toHaveLength(chapters.chapters.length);
      const cues = index.documents.filter((doc) => doc.kind === 'cue');
      expect(cues[0]?.time).toBe(sample.expected.speech[0]?.start);
      expect(cues.map((doc) => doc.text).join(' ')).toBe(transcript.cues.map((cue) => cue.text).join(' '));
      expect(index.documents[0]?.title).toBe(sample.title);
    }
  });
});
