import { useEffect, useSyncExternalStore } from 'react';
import { pwa } from '../pwa/pwa.ts';
import { APP_VERSION } from '../pwa/version.ts';
import { StorageStatus } from './StorageStatus.tsx';
import { UpdateBanner } from './UpdateBanner.tsx';
import './AppStatus.css';

interface AppStatusProps {
  /** Sessions in the library: persistence is asked for once there is something to keep. */
  sessionCount: number;
  /** Finished jobs: the storage figure is read again as results are written. */
  doneCount: number;
}

/** The app as an installed, offline web app: updates, install, connectivity, storage. */
export function AppStatus({ sessionCount, doneCount }: AppStatusProps) {
  const status = useSyncExternalStore(pwa.subscribe, pwa.getSnapshot);
  useEffect(() => pwa.start(), []);

  const hasSessions = sessionCount > 0;
  useEffect(() => {
    if (hasSessions) void pwa.requestPersistence();
  }, [hasSessions]);
  useEffect(() => {
    void pwa.refreshStorage();
  }, [sessionCount, doneCount]);

  return (
    <section className="app-status" aria-label="App status">
      <UpdateBanner update={status.update} onReload={() => pwa.applyUpdate()} />
      <div className="app-status-line">
        {!status.online && (
          <p role="status" className="offline-note">
            Offline — everything still works on this device.
          </p>
        )}
        {status.installed ? (
          <span className="installed-note">Installed on this device</span>
        ) : (
          status.installable && (
            <button type="button" onClick={() => void pwa.promptInstall()}>
              Install app
            </button>
          )
        )}
        <StorageStatus storage={status.storage} persistence={status.persistence} onAskAgain={() => void pwa.requestPersistence()} />
        <span className="app-version">Version {APP_VERSION}</span>
      </div>
    </section>
  );
}
