/** What kind of file a media item is, as far as enrichment cares. */
export type MediaKind = 'image' | 'audio' | 'video' | 'transcript' | 'notes';

/** A file of a session, stored as a Blob in the `media` store under `id`. */
export interface MediaRef {
  id: string;
  name: string;
  kind: MediaKind;
  /** MIME type as reported by the browser or guessed from the extension. */
  type: string;
  size: number;
  /** Epoch milliseconds on the session's timeline, or null when unknown. */
  at: number | null;
  /**
   * Where `at` came from. A file date is when the file was last written: for a recording that is
   * its end, so its start is that minus its length (see recordingStart). Absent on older records.
   */
  atFrom?: 'manifest' | 'name' | 'file-date';
}

/** A recorded work session as imported or generated. Plain data: stored as a structured clone. */
export interface SessionRecord {
  id: string;
  title: string;
  source: 'sample' | 'import';
  startedAt: number | null;
  endedAt: number | null;
  notes: string;
  tags: string[];
  screenshots: MediaRef[];
  audio: MediaRef[];
  /**
   * Screen recordings (mp4, mov, webm, mkv). Absent on sessions stored before videos existed:
   * read it through `sessionVideos()`.
   */
  videos?: MediaRef[];
  transcript: MediaRef | null;
  importedAt: number;
  /** Plain-language remarks about the import, such as a manifest that could not be read. */
  warnings: string[];
}

/** One stored file. Blobs stay Blobs: the browser keeps them out of the JS heap. */
export interface MediaRecord {
  id: string;
  sessionId: string;
  blob: Blob;
}

/** A session's videos; sessions stored before videos existed have none. */
export function sessionVideos(session: Pick<SessionRecord, 'videos'>): MediaRef[] {
  return session.videos ?? [];
}
