import { storageInWords } from '../pwa/bytes.ts';
import type { PwaSnapshot } from '../pwa/pwaStore.ts';

interface StorageStatusProps {
  storage: PwaSnapshot['storage'];
  persistence: PwaSnapshot['persistence'];
  onAskAgain: () => void;
}

/** Space used and available, and whether the browser keeps the sessions when space runs low. */
export function StorageStatus({ storage, persistence, onAskAgain }: StorageStatusProps) {
  return (
    <span className="storage-status" data-testid="storage-status">
      {storage && <span data-testid="storage-used">{storageInWords(storage.usage, storage.quota)}</span>}
      {persistence === 'granted' && (
        <span data-testid="persistence">Persistent storage: on.<span className="why"> It keeps your sessions safe from automatic cleanup.</span></span>
      )}
      {persistence === 'denied' && (
        <span data-testid="persistence">
          Persistent storage: not granted yet.<span className="why"> It keeps your sessions safe from automatic cleanup.</span>{' '}
          <button type="button" className="quiet" onClick={onAskAgain}>
            Ask again
          </button>
        </span>
      )}
    </span>
  );
}
