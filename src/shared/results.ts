/** A stretch of speech in a recording, in seconds from its start. */
export interface SpeechSegment {
  start: number;
  end: number;
}

/** What the audio stage finds in one recording. */
export interface AudioResult {
  mediaId: string;
  durationSec: number;
  sampleRate: number;
  channels: number;
  segments: SpeechSegment[];
  speechSec: number;
  /** speechSec / durationSec, 0..1 */
  speechRatio: number;
  /** Something people should know about this recording, such as a file cut short. */
  warning?: string;
}

/** One screenshot as the chapters stage sees it. */
export interface ScreenHash {
  mediaId: string;
  /** 64-bit perceptual hash as 16 hex digits. */
  hash: string;
  /** Hamming distance (0..64) to the previous screenshot's hash; 0 for the first. */
  distance: number;
  at: number | null;
}

/** A run of screenshots that show the same thing. Indexes into `screens`, inclusive. */
export interface Chapter {
  index: number;
  firstScreen: number;
  lastScreen: number;
  start: number | null;
  end: number | null;
}

export interface ChaptersResult {
  screens: ScreenHash[];
  chapters: Chapter[];
}

/** The audio stage's output for a session: one entry per recording. */
export interface AudioStageResult {
  recordings: AudioResult[];
  speechSec: number;
}
