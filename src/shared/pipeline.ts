/**
 * Every stage of the product pipeline, in the order a job runs them. A later stage reads earlier
 * ones' results; each name is registered by exactly one module in workers/pipeline.ts.
 */
export const STAGE_ORDER = ['video', 'ocr', 'chapters', 'audio', 'transcript', 'redact', 'summary', 'storyboard', 'index'] as const;

export type StageName = (typeof STAGE_ORDER)[number];

/**
 * The stages a job runs today: those of STAGE_ORDER that workers/pipeline.ts registers, in that
 * order. Add a stage here in the same change that registers it.
 */
export const PIPELINE_STAGES: readonly StageName[] = ['video', 'ocr', 'chapters', 'audio', 'transcript', 'redact', 'summary', 'storyboard', 'index'];

/** Stage names as people read them. */
export const STAGE_LABELS: Record<string, string> = {
  video: 'Video',
  ocr: 'Screens',
  chapters: 'Chapters',
  audio: 'Audio',
  transcript: 'Transcript',
  redact: 'Privacy',
  summary: 'Summary',
  storyboard: 'Storyboard',
  index: 'Index',
};

/**
 * The stages that read the privacy context (the library's setting, "Not sensitive", "Redact this
 * too"): `redact` and every stage after it, which use its findings. A `reapply-privacy` job runs
 * these alone when that context changes; the stages before them do not read it.
 */
export const PRIVACY_STAGES: readonly StageName[] = PIPELINE_STAGES.slice(PIPELINE_STAGES.indexOf('redact'));
