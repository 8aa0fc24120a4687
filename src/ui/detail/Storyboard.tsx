import type { StoryboardResult } from '../../shared/results.ts';
import { useBlobUrl } from '../useBlobUrl.ts';

export function Storyboard({ storyboard, title }: { storyboard: StoryboardResult; title: string }) {
  const url = useBlobUrl(storyboard.blob);
  if (!url) return null;
  return (
    <section aria-label="Storyboard">
      <h3>Storyboard</h3>
      <img className="storyboard" src={url} width={storyboard.width} height={storyboard.height} alt={`Storyboard of ${title}`} />
    </section>
  );
}
