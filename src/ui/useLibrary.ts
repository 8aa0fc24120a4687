import { useSyncExternalStore } from 'react';
import type { LibrarySnapshot, LibraryView } from '../app/libraryView.ts';

/** The library as React sees it: one snapshot per animation frame at most. */
export function useLibrary(view: LibraryView): LibrarySnapshot {
  return useSyncExternalStore(view.subscribe, view.getSnapshot);
}
