import { startTransition, useEffect, useState } from 'react';
import type { LibrarySnapshot, LibraryView } from '../app/libraryView.ts';

/**
 * The library as React sees it: one snapshot per animation frame at most, rendered as a transition.
 * During a batch the snapshot changes many times a second while the workers hold the cores; a
 * transition's render yields to the browser every few milliseconds, where a synchronous one
 * (useSyncExternalStore) ran whole in one task, which the page then waited for a core to finish.
 */
export function useLibrary(view: LibraryView): LibrarySnapshot {
  const [snapshot, setSnapshot] = useState(view.getSnapshot);
  useEffect(() => {
    const take = () => startTransition(() => setSnapshot(view.getSnapshot()));
    // A change between the first render and this effect is not missed.
    take();
    return view.subscribe(take);
  }, [view]);
  return snapshot;
}
