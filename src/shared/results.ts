/** A stretch of speech in a recording, in seconds from its start. */
export interface SpeechSegment {
  start: number;
  end: number;
}

/** What found the speech: the Silero voice model, or loudness alone (when the model could not load). */
export type SpeechDetector = 'silero' | 'energy';

/** What the audio stage finds in one recording. */
export interface AudioResult {
  mediaId: string;
  durationSec: number;
  sampleRate: number;
  channels: number;
  segments: SpeechSegment[];
  /** What found `segments`; absent in results from before the voice model (loudness alone). */
  detector?: SpeechDetector;
  speechSec: number;
  /** speechSec / durationSec, 0..1 */
  speechRatio: number;
  /** RMS level of the whole recording in dBFS. */
  loudnessDb: number;
  /** The longest stretch without speech, in seconds. */
  longestSilenceSec: number;
  /** Peak level per slice of the recording, 0..1, for drawing. */
  waveform: number[];
  /** When the recording started on the session's clock (epoch ms); absent in older results. */
  startAt?: number | null;
  /** Something people should know about this recording, such as a file cut short. */
  warning?: string;
  /**
   * Set on a video's sound track that repeats a separate recording of the same meeting (the two
   * overlap on the session clock): the recording's media id. Its speech is counted there, once.
   */
  sameAs?: string;
}

/** One screenshot as the chapters stage sees it. */
export interface ScreenHash {
  mediaId: string;
  /** 64-bit perceptual hash as 16 hex digits; empty when the screenshot was skipped (see `message`). */
  hash: string;
  /** Hamming distance (0..64) to the previous hashed screenshot; 0 for the first. */
  distance: number;
  at: number | null;
  /** Set when this screenshot was skipped, such as one over 50 megapixels; it stays in its chapter. */
  message?: string;
  /** For a frame sampled from a video: the video's media id and the frame's time in it, in seconds. */
  videoId?: string;
  timeSec?: number;
}

/** A run of screenshots that show the same thing. Indexes into `screens`, inclusive. */
export interface Chapter {
  index: number;
  firstScreen: number;
  lastScreen: number;
  start: number | null;
  end: number | null;
  /** From the chapter's top keywords, such as "Invoice, export, billing"; "Chapter 2" without text. */
  title: string;
  /** The words that set this chapter's screen text apart, best first; empty without OCR. */
  keywords: string[];
  /**
   * For a chapter of a video's frames: the video's media id and where the chapter starts and ends in
   * it, in seconds (the end is the next chapter's start, or the video's end).
   */
  videoId?: string;
  startSec?: number;
  endSec?: number;
}

export interface ChaptersResult {
  /** One per screenshot, in the session's order. */
  screens: ScreenHash[];
  chapters: Chapter[];
  /** One per screenshot that could be decoded, in the session's order. */
  thumbnails: Thumbnail[];
}

/** The audio stage's output for a session: one entry per recording. */
export interface AudioStageResult {
  recordings: AudioResult[];
  speechSec: number;
}

// ---- Results of the later stages. Each stage owns its type; the names below are the contract
// ---- between stages (a later stage reads an earlier one's result from `ctx.results[name]`).

/** A rectangle in a screenshot's own pixels, from its top-left corner. */
export interface PixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A word OCR read, where it stands on the screen. */
export interface OcrWord {
  text: string;
  box: PixelBox;
  /** 0..100 */
  confidence: number;
}

/** A line of a screen as OCR read it: its words in reading order and the box around them. */
export interface OcrLine {
  text: string;
  box: PixelBox;
  words: OcrWord[];
}

/**
 * A screen's OCR lines packed: every line's text followed by its words' texts in one string, and
 * their boxes in one typed array, in that same order. Exact: unpacking gives back equal lines.
 */
export interface PackedLines {
  /** Each line's text, then each of its words' texts, line after line, concatenated. */
  texts: string;
  /** The length in UTF-16 code units of each text in `texts`, in order; in the narrowest array that holds them all. */
  textLengths: Uint8Array | Uint16Array | Uint32Array;
  /** How many words each line has. */
  wordCounts: Uint8Array | Uint16Array | Uint32Array;
  /** left, top, width, height of each box in the order of `texts`: whole pixels in an Int16Array or Int32Array, any other number in a Float64Array. */
  boxes: Int16Array | Int32Array | Float64Array;
  /** Each word's confidence: in tenths in a Uint16Array (OCR rounds to tenths), else as is in a Float64Array. */
  confidences: Uint16Array | Float64Array;
}

/** OCR of one screenshot. */
export interface ScreenText {
  mediaId: string;
  text: string;
  /** Mean word confidence, 0..100. */
  confidence: number;
  /**
   * The lines with their words and boxes, in the screenshot's pixels, for redaction and for placing
   * text on the picture, as objects: only in results stored before `packedLines`. Read either form
   * through `linesOf()` (src/shared/screenLines.ts).
   */
  lines?: OcrLine[];
  /**
   * The same lines packed (src/shared/packedLines.ts): a few strings and typed arrays per screen
   * instead of objects per word, which the main thread's clones (receiving a result, putting it into
   * IndexedDB) copy as bytes instead of walking object by object.
   * Absent when nothing was read, and in results stored before it or before there were boxes.
   */
  packedLines?: PackedLines;
  /** Set when this screenshot could not be read; the others still count. */
  message?: string;
}

/** What the OCR stage handed to the text reader to get a session's text. */
export interface OcrWork {
  /** Screens read whole. */
  fullReads: number;
  /** Screens of which only bands were read (what a scroll revealed, a line typed), the rest carried over. */
  bandReads: number;
  /** Screens whose text is another's: the same pixels seen before, or nothing with text changed. */
  copied: number;
  /** Calls to the text reader. */
  calls: number;
  /** Pixels read over the pixels of one screen, summed over the screens: 1 per full read. */
  fullFrameEquivalents: number;
}

/** Result of the 'ocr' stage (shown as "Screens"), in the session's screenshot order. */
export interface OcrResult {
  screens: ScreenText[];
  /** Absent in results stored before it was counted. */
  work?: OcrWork;
}

/** A small picture of a screenshot, at most 320 px on its longer side. */
export interface Thumbnail {
  mediaId: string;
  blob: Blob;
  width: number;
  height: number;
  /** The screenshot's own size, which OCR boxes are in; absent in results stored before. */
  sourceWidth?: number;
  sourceHeight?: number;
}

/** A timed line of a transcript, placed on the session's timeline. */
/** A word of a cue, when the speech model timed each word; seconds from the start of the transcript. */
export interface TranscriptWord {
  start: number;
  end: number;
  text: string;
}

export interface TranscriptCue {
  /** Seconds from the start of the transcript. */
  start: number;
  end: number;
  text: string;
  /** The cue's words in order, each timed, when the speech model on this device could align them. */
  words?: TranscriptWord[];
  /** Epoch milliseconds on the session's timeline, when known. */
  at: number | null;
  /** The chapter the cue falls in, when chapters are known. */
  chapter: number | null;
  /** Who speaks, when the transcript says (a WebVTT `<v Name>` tag, an SRT "NAME:" prefix). */
  speaker?: string;
}

/**
 * Where a session's transcript came from: a .vtt/.srt file imported with it (which always wins),
 * the speech of its recordings transcribed on this device by the speech model added in Settings
 * (`model`: the model folder's name), or by the AI provider, or nowhere.
 */
export type TranscriptSource =
  | { kind: 'imported'; name: string }
  | { kind: 'device'; model: string }
  | { kind: 'provider'; origin: string; model: string }
  | { kind: 'none' };

/** Result of the 'transcript' stage; no cues when the session has no transcript. */
export interface TranscriptResult {
  cues: TranscriptCue[];
  /** Plain messages about cues that could not be read (the rest still counts). */
  warnings: string[];
  /** Absent in results stored before there was a choice: read as imported when the session has a transcript file. */
  source?: TranscriptSource;
}

/** An action item or a decision found in notes, the transcript or (marked lines only) on screen. */
export interface ActionItem {
  text: string;
  source: 'notes' | 'transcript' | 'screens';
  /** Whether it was written as done ("- [x] …"). */
  done: boolean;
  /** Something to do, or something decided ("we decided …", "Decision: …"). Results stored before there were decisions lack it: read as 'action'. */
  kind?: 'action' | 'decision';
  /** Who is to do it, when named ("Sarah will …", "@dana", "Tom to …"), or the speaker of "I'll …". */
  owner?: string;
  /** When it is due, as `yyyy-mm-dd`, resolved against the session's start. */
  due?: string;
  /** For a spoken item: when it was said, in seconds on the session clock (from the session's start). */
  at?: number;
  /** For a spoken item: who said it, when the transcript names speakers. */
  speaker?: string;
}

export interface ChapterSummary {
  chapter: number;
  title: string;
  keywords: string[];
  sentences: string[];
}

/**
 * What the configured AI provider made of a session, kept beside the on-device summary and marked
 * as the provider's. `fallback` says why only the on-device summary is there.
 */
export type ProviderSummary =
  | { status: 'done'; source: 'provider'; model: string; origin: string; summary: string; actionItems: string[]; requests: number }
  | { status: 'fallback'; source: 'provider'; model: string; origin: string; message: string };

/** Result of the 'summary' stage. */
export interface SummaryResult {
  keywords: string[];
  sentences: string[];
  actionItems: ActionItem[];
  chapters: ChapterSummary[];
  /** Only when a provider is configured; the fields above are always the on-device summary. */
  provider?: ProviderSummary;
}

/** A rectangle of the storyboard, in its pixels. */
export interface StoryboardRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A screen's picture on the storyboard: where it was drawn, and how many storyboard pixels one of
 * the screenshot's pixels became (null when the screenshot's size was unknown).
 */
export interface StoryboardTile extends StoryboardRect {
  mediaId: string;
  scale: number | null;
}

/** Result of the 'storyboard' stage: one PNG, and where its pictures and captions are. */
export interface StoryboardResult {
  blob: Blob;
  width: number;
  height: number;
  /** Absent in results stored before redaction: such a storyboard cannot be redacted in place. */
  tiles?: StoryboardTile[];
  labels?: Array<StoryboardRect & { text: string }>;
}

/** A searchable piece of a session: the whole session, one chapter, or one transcript cue. */
export interface SearchDocument {
  /** Unique across the library: `${sessionId}:${kind}:${n}`. */
  id: string;
  sessionId: string;
  kind: 'session' | 'chapter' | 'cue';
  title: string;
  text: string;
  keywords: string[];
  chapter: number | null;
  /** Seconds from the start of the recording, for cues. */
  time: number | null;
}

/** Result of the 'index' stage: the documents the search index holds for this session. */
export interface IndexResult {
  documents: SearchDocument[];
}

/** One frame sampled from a video: a screen of the session, read by OCR and chapters like a screenshot. */
export interface VideoFrameShot {
  /** `${videoId}@${milliseconds}`, unique in the session: OCR, chapters and thumbnails use it as `mediaId`. */
  id: string;
  videoId: string;
  /** Seconds from the start of the video. */
  timeSec: number;
  /** Epoch milliseconds on the session's timeline, when the video's start is known. */
  at: number | null;
  /** Why the frame was kept: the regular interval, or a large change of the picture. */
  reason: 'interval' | 'change';
  /** The frame at a resolution that keeps OCR accurate (PNG, at most 1920 px wide). */
  blob: Blob;
  width: number;
  height: number;
  /** The kept frame this one looks the same as (only a caret or a pointer moved): OCR copies its text. */
  repeatOf?: string;
}

/** What the video stage found in one video. */
export interface VideoInfo {
  mediaId: string;
  name: string;
  durationSec: number;
  width: number;
  height: number;
  /** The video codec as mediabunny names it ('avc', 'vp8', 'vp9', 'av1'...). */
  codec: string;
  hasAudio: boolean;
  /** Frames decoded (each one closed at once); only `frames` are kept. */
  decodedFrames: number;
  frames: VideoFrameShot[];
  /** Something people should know, such as a file cut short (its earlier frames still count). */
  message?: string;
}

/** Result of the 'video' stage: one entry per video of the session, in the session's order. */
export interface VideoStageResult {
  videos: VideoInfo[];
}
