/** A moment of one video: where the timeline's playhead wants it shown. */
export interface VideoMoment {
  videoId: string;
  sec: number;
}

/**
 * Carries the playhead's video moments from the timeline to the players without a React update:
 * a drag moves the playhead every frame, and re-rendering the whole detail for each would stutter.
 * Keeps the latest moment, so a player whose video loads later starts there.
 */
export class VideoScrub {
  private readonly listeners = new Set<(moment: VideoMoment) => void>();
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
}
