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

/** A chapter boundary of a recording: when the next document shows (its loading page first). */
export interface RecordingBoundary {
  timeSec: number;
  app: string;
  doc: string;
  kind: 'document' | 'app' | 'return';
}

/** A stretch of a recording: blank, an app loading, or a document scrolling or paused. */
export interface RecordingSpan {
  fromSec: number;
  toSec: number;
  state: 'blank' | 'loading' | 'scroll' | 'pause';
  app?: string;
  doc?: string;
  /** CSS pixels of the document's scroll offset at the span's start and end. */
  scrollFrom?: number;
  scrollTo?: number;
}

export interface CorpusRecording {
  id: string;
  file: string;
  codec: 'avc' | 'vp9';
  width: number;
  height: number;
  scale: number;
  fps: number;
  pxPerSec: number;
  durationSec: number;
  boundaries: RecordingBoundary[];
  spans: RecordingSpan[];
}

export interface Corpus {
  viewport: { width: number; height: number };
  series: CorpusSeries[];
  recordings?: CorpusRecording[];
}

/** Dark apps; the others are light. */
export const DARK_APPS = new Set(['docs-dark', 'editor']);
