/** Times this close in a video are the frame a seek asked for. */
const SAME_FRAME_SEC = 0.01;

/** A moment of one video: where the timeline's playhead wants it shown. */
export interface VideoMoment {
  videoId: string;
  sec: number;
}

/**
 * Carries video moments between the timeline and the players without a React update: a drag moves
 * the playhead every frame, and re-rendering the whole detail for each would stutter. One way, the
 * playhead's moments go to the players (the latest is kept, so a player whose video loads later
 * starts there); the other way, a player that plays or is seeked by its own controls tells the
 * timeline where it is.
 */
export class VideoScrub {
  private readonly listeners = new Set<(moment: VideoMoment) => void>();
  private readonly playedListeners = new Set<(moment: VideoMoment) => void>();
  private last: VideoMoment | null = null;

  get latest(): VideoMoment | null {
    return this.last;
  }

  readonly publish = (moment: VideoMoment): void => {
    this.last = moment;
    for (const listener of this.listeners) listener(moment);
  };

  subscribe(listener: (moment: VideoMoment) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A player reached this moment on its own (playing, or its own controls): not one the playhead asked for. */
  readonly publishPlayed = (moment: VideoMoment): void => {
    const asked = this.last;
    // The seek the playhead itself asked for reports back as a time update: not news to the timeline.
    if (asked && asked.videoId === moment.videoId && Math.abs(asked.sec - moment.sec) <= SAME_FRAME_SEC) return;
    for (const listener of this.playedListeners) listener(moment);
  };

  subscribePlayed(listener: (moment: VideoMoment) => void): () => void {
    this.playedListeners.add(listener);
    return () => this.playedListeners.delete(listener);
  }
}
