import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { SensitiveFinding } from '../../shared/privacy.ts';
import type { PixelBox } from '../../shared/results.ts';
import { wordsOf, type ScreenToMark } from './markableScreens.ts';
import { boxPreview, screenMark, wordsPreview } from './markPlaces.ts';

interface MarkScreenProps {
  screens: readonly ScreenToMark[];
  /** What is redacted already (found and marked), filled on the picture. */
  findings: readonly SensitiveFinding[];
  readMedia: (id: string) => Promise<Blob | undefined>;
  onAdd: (mark: SensitiveFinding) => void;
}

type Drag = { kind: 'words'; from: number; base: ReadonlySet<number> } | { kind: 'box'; x: number; y: number } | null;

const percent = (box: PixelBox, size: { width: number; height: number }) => ({
  left: `${(box.left / size.width) * 100}%`,
  top: `${(box.top / size.height) * 100}%`,
  width: `${(box.width / size.width) * 100}%`,
  height: `${(box.height / size.height) * 100}%`,
});

const range = (a: number, b: number) => Array.from({ length: Math.abs(b - a) + 1 }, (_, i) => Math.min(a, b) + i);

/**
 * "Redact this too" on a screen: its picture with its OCR words as toggle buttons (click, drag
 * across words, or Tab and Space), or a box drawn with the pointer over anything else.
 */
export function MarkScreen(props: MarkScreenProps) {
  // Closed until asked for: a screen of text is hundreds of word buttons, and a picture to read.
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="mark-screen-title" className="mark-screen">
      <h3 id="mark-screen-title">Redact this too</h3>
      <button type="button" className="quiet" aria-expanded={open} onClick={() => setOpen(!open)}>
        Mark words or a box on a screen
      </button>
      {open && <MarkPicture {...props} />}
    </section>
  );
}

function MarkPicture({ screens, findings, readMedia, onAdd }: MarkScreenProps) {
  const [chosen, setChosen] = useState(0);
  const screen = screens[Math.min(chosen, screens.length - 1)];
  // Only the screen shown is unpacked: a session of 300 screens holds some 100,000 words.
  const words = useMemo(() => (screen ? wordsOf(screen) : []), [screen]);
  const [url, setUrl] = useState<string | null>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [box, setBox] = useState<PixelBox | null>(null);
  const drag = useRef<Drag>(null);
  const mediaId = screen?.hash.mediaId ?? null;
  useEffect(() => {
    setSelected(new Set());
    setBox(null);
    setSize(null);
    if (mediaId === null) return;
    let live = true;
    let made: string | null = null;
    void readMedia(mediaId).then((blob) => {
      if (!live || !blob) return;
      made = URL.createObjectURL(blob);
      setUrl(made);
    });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [mediaId, readMedia]);
  const filled = useMemo(() => findings.flatMap((f) => (f.place.source === 'screen' && f.place.mediaId === mediaId ? f.place.boxes : [])), [findings, mediaId]);
  if (!screen) return null;

  const pointAt = (event: PointerEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: ((event.clientX - rect.left) / rect.width) * size!.width, y: ((event.clientY - rect.top) / rect.height) * size!.height };
  };
  const wordAt = (event: PointerEvent) => {
    const index = (event.target as HTMLElement).dataset.word;
    return index === undefined ? null : Number(index);
  };
  const down = (event: PointerEvent<HTMLDivElement>) => {
    if (!size || event.button !== 0) return;
    const word = wordAt(event);
    if (word !== null) {
      drag.current = { kind: 'words', from: word, base: selected };
      return;
    }
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const { x, y } = pointAt(event);
    drag.current = { kind: 'box', x, y };
    setBox({ left: x, top: y, width: 0, height: 0 });
  };
  const move = (event: PointerEvent<HTMLDivElement>) => {
    const now = drag.current;
    if (!now) return;
    if (now.kind === 'words') {
      const word = wordAt(event);
      if (word !== null && word !== now.from) setSelected(new Set([...now.base, ...range(now.from, word)]));
      return;
    }
    const { x, y } = pointAt(event);
    setBox({ left: Math.min(x, now.x), top: Math.min(y, now.y), width: Math.abs(x - now.x), height: Math.abs(y - now.y) });
  };
  const up = () => {
    if (drag.current?.kind === 'box') setBox((last) => (last && last.width > 2 && last.height > 2 ? last : null));
    drag.current = null;
  };
  const toggle = (i: number) =>
    setSelected((last) => {
      const next = new Set(last);
      if (next.has(i)) next.delete(i);
      else next.add(i);
      return next;
    });
  const markWords = () => {
    const boxes = [...selected].sort((a, b) => a - b).map((i) => words[i]!.box);
    onAdd(screenMark(screen, boxes, wordsPreview(boxes.length)));
    setSelected(new Set());
  };
  const markBox = () => {
    if (!box) return;
    onAdd(screenMark(screen, [box], boxPreview(box)));
    setBox(null);
  };

  return (
    <div>
      <p className="meta">Select words on a screen (click, drag across them, or Tab and Space), or draw a box over the picture. Exports fill and remove what you mark.</p>
      {screens.length > 1 && (
        <label>
          Screen{' '}
          <select value={chosen} onChange={(event) => setChosen(Number(event.target.value))}>
            {screens.map((s, i) => (
              <option key={s.hash.mediaId} value={i}>
                Screen {s.index + 1}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="mark-picture" data-testid="mark-picture" onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerCancel={up}>
        {url && <img src={url} alt={`Screen ${screen.index + 1}`} draggable={false} onLoad={(event) => setSize({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })} />}
        {size && filled.map((b, i) => <span key={`f${i}`} className="mark-filled" style={percent(b, size)} />)}
        {size &&
          words.map((word, i) => (
            <button key={i} type="button" data-word={i} className="mark-word" aria-label={word.text} aria-pressed={selected.has(i)} style={percent(word.box, size)} onClick={() => toggle(i)} />
          ))}
        {size && box && <span className="mark-box" style={percent(box, size)} />}
      </div>
      <div className="mark-actions">
        <button type="button" disabled={selected.size === 0} onClick={markWords}>
          Redact {wordsPreview(selected.size)}
        </button>{' '}
        <button type="button" disabled={!box} onClick={markBox}>
          Redact the box
        </button>
      </div>
    </div>
  );
}
