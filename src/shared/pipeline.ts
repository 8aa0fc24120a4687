/** The product's enrichment stages, in the order a job runs them. Workers register one stage per name. */
export const PIPELINE_STAGES = ['audio', 'chapters'] as const;

export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** Stage names as people read them. */
export const STAGE_LABELS: Record<string, string> = {
  audio: 'Audio',
  chapters: 'Chapters',
};
