import type { SpeechSegment } from './results.ts';

/** A file of a sample session, with its place on the session's timeline (epoch ms). */
export interface SampleFile {
  name: string;
  at: number;
  blob: Blob;
}

/** A generated work session, with what enrichment should find in it. */
export interface SampleSession {
  title: string;
  /** Markdown: a paragraph and 2–4 action items. */
  notes: string;
  tags: string[];
  /** Epoch milliseconds. */
  startedAt: number;
  /** 1280×720 PNGs, in time order. */
  screenshots: SampleFile[];
  /** A mono 16 kHz 16-bit WAV. */
  audio: SampleFile;
  /** A WebVTT transcript of the recording: one cue per burst of speech, some with action items. */
  transcript: SampleFile;
  expected: {
    /** Indexes of the screenshots where a chapter begins; always starts with 0. */
    chapterStarts: number[];
    /** The speech bursts as generated, in seconds from the start of the recording. */
    speech: SpeechSegment[];
  };
}

/** The API of the sample-generating worker. */
export interface SamplesWorkerApi {
  generate(seed: number, index: number): Promise<SampleSession>;
}
