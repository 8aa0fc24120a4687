import type { Enricher } from '../app/enricher.ts';
import { AppStatus } from './AppStatus.tsx';
import { ProviderSettings } from './settings/ProviderSettings.tsx';

/** Name, where data goes, and the app's own state: short lines that wrap, so a phone keeps room for the list. */
export function AppHeader({ enricher, sessionCount, doneCount }: { enricher: Enricher; sessionCount: number; doneCount: number }) {
  return (
    <header className="app-header">
      <div className="brand">
        <h1>Session Enricher</h1>
        <p className="tagline">Enriches your recorded work sessions on this device.</p>
      </div>
      <ProviderSettings db={enricher.db} onRedactionModeChange={(change) => void enricher.privacyChanged(change)} />
      <AppStatus sessionCount={sessionCount} doneCount={doneCount} />
    </header>
  );
}
