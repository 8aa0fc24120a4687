import { registerStageLoader } from './registry.ts';

// One registration per name in PIPELINE_STAGES (src/shared/pipeline.ts). Each stage's code is loaded
// by the first job that runs it: a worker's start parses none of it, and a worker that never sees a
// video never loads the demuxers (docs/benchmarks.md, "Stages loaded on first use").
registerStageLoader('video', async () => (await import('./stages/video.ts')).videoStage);
registerStageLoader('ocr', async () => (await import('./stages/ocr.ts')).ocrStage);
registerStageLoader('audio', async () => (await import('./stages/audio.ts')).audioStage);
registerStageLoader('chapters', async () => (await import('./stages/chapters.ts')).chaptersStage);
registerStageLoader('transcript', async () => (await import('./stages/transcript.ts')).transcriptStage);
registerStageLoader('redact', async () => (await import('./stages/redact.ts')).redactStage);
registerStageLoader('summary', async () => (await import('./stages/summary.ts')).summaryStage);
registerStageLoader('storyboard', async () => (await import('./stages/storyboard.ts')).storyboardStage);
registerStageLoader('index', async () => (await import('./stages/index.ts')).indexStage);
