import { useCallback, useEffect, useState } from 'react';
import type { EnricherDb } from '../../shared/db.ts';
import { loadProviderConfig, providerView, type ProviderView } from '../../provider/providerSettings.ts';

/** The stored provider settings as the UI may show them (key masked); null while loading. */
export function useProviderView(db: EnricherDb): { view: ProviderView | null; reload: () => void } {
  const [view, setView] = useState<ProviderView | null>(null);
  const reload = useCallback(() => {
    void loadProviderConfig(db).then((config) => setView(providerView(config)));
  }, [db]);
  useEffect(reload, [reload]);
  return { view, reload };
}
