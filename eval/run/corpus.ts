// The corpus as eval/corpus/build.mjs wrote it (eval/.corpus/corpus.json).

export interface CorpusShot {
  file: string;
  app: string;
  doc: string;
  scrollTop: number;
  at: number;
  /** Whether this shot starts a chapter: another document, another app, or a return. */
  boundary: boolean;
  full: string[];
  partial: string[];
}

export interface CorpusSeries {
  id: string;
  scale: number;
  apps: string[];
  shots: CorpusShot[];
}

export interface Corpus {
  viewport: { width: number; height: number };
  series: CorpusSeries[];
}

/** Dark apps; the others are light. */
export const DARK_APPS = new Set(['docs-dark', 'editor']);
