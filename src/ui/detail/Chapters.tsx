import { useEffect, useRef } from 'react';
import type { ChaptersResult, OcrResult, Thumbnail } from '../../shared/results.ts';
import { useBlobUrl } from '../useBlobUrl.ts';
import { clock } from '../../shared/clock.ts';

interface ChaptersProps {
  chapters: ChaptersResult;
  ocr: OcrResult | null;
  focusChapter: number | null;
  /** Plays a chapter's video from its start; chapters of screenshots have none. */
  onPlay?: (videoId: string, sec: number) => void;
}

function Thumb({ thumbnail, label }: { thumbnail: Thumbnail; label: string }) {
  const url = useBlobUrl(thumbnail.blob);
  return url ? <img src={url} width={thumbnail.width} height={thumbnail.height} alt={label} loading="lazy" /> : null;
}

/** Chapters with their thumbnails and the text read from their screens. */
export function Chapters({ chapters, ocr, focusChapter, onPlay }: ChaptersProps) {
  const focused = useRef<HTMLLIElement>(null);
  // Braces: Chromium's scrollIntoView() now returns a promise, which React would take for a clean-up
  // and call when the detail closes (a TypeError that blanked the app after opening a search hit).
  useEffect(() => {
    focused.current?.scrollIntoView({ block: 'nearest' });
  }, [focusChapter]);
  const thumbs = new Map((chapters.thumbnails ?? []).map((t) => [t.mediaId, t]));
  const texts = new Map((ocr?.screens ?? []).map((s) => [s.mediaId, s]));
  // Screenshots that were skipped or unreadable say why (the same words may come from both stages).
  const skipped = [...new Set([...chapters.screens, ...(ocr?.screens ?? [])].flatMap((s) => (s.message ? [s.message] : [])))];
  return (
    <section aria-label="Chapters">
      <h3>Chapters</h3>
      <p data-testid="chapters-summary">
        {chapters.chapters.length} chapters over {chapters.screens.length} {chapters.screens.some((s) => s.videoId) ? 'screens' : 'screenshots'}
      </p>
      {skipped.length > 0 && (
        <ul className="warnings" aria-label="Screenshot warnings">
          {skipped.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      <ol className="chapters">
        {chapters.chapters.map((chapter) => {
          const screens = chapters.screens.slice(chapter.firstScreen, chapter.lastScreen + 1);
          const first = screens[0];
          const thumb = first ? thumbs.get(first.mediaId) : undefined;
          const text = screens.map((s) => texts.get(s.mediaId)?.text ?? '').join('\n').trim();
          const title = chapter.title || `Screens ${chapter.firstScreen + 1}–${chapter.lastScreen + 1}`;
          return (
            <li
              key={chapter.index}
              ref={focusChapter === chapter.index ? focused : undefined}
              className={focusChapter === chapter.index ? 'focused' : ''}
              id={`chapter-${chapter.index}`}
            >
              {thumb && <Thumb thumbnail={thumb} label={`First screen of ${title}`} />}
              <div>
                <h4>{title}</h4>
                <p className="meta">
                  Screens {chapter.firstScreen + 1}–{chapter.lastScreen + 1}
                  {chapter.keywords?.length ? ` · ${chapter.keywords.join(', ')}` : ''}
                </p>
                {chapter.videoId !== undefined && chapter.startSec !== undefined && (
                  <p className="meta">
                    {/* The visible text starts the accessible name; the title tells the buttons apart. */}
                    <button type="button" onClick={() => onPlay?.(chapter.videoId!, chapter.startSec!)} aria-label={`Play from ${clock(chapter.startSec)}: ${title}`}>
                      Play from {clock(chapter.startSec)}
                    </button>{' '}
                    until {clock(chapter.endSec ?? chapter.startSec)}
                  </p>
                )}
                {text && <p className="ocr-text">{text.length > 400 ? `${text.slice(0, 400)}…` : text}</p>}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
