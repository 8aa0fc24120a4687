import type { PwaSnapshot } from '../pwa/pwaStore.ts';

interface UpdateBannerProps {
  update: PwaSnapshot['update'];
  onReload: () => void;
}

/** Tells that a new version is ready; only the person's Reload applies it, never a timer. */
export function UpdateBanner({ update, onReload }: UpdateBannerProps) {
  if (update === 'none') return null;
  return (
    <div className="update-banner" role="status">
      <span>A new version is ready. Your queue carries on after the reload.</span>
      <button type="button" disabled={update === 'applying'} onClick={onReload}>
        {update === 'applying' ? 'Reloading…' : 'Reload'}
      </button>
    </div>
  );
}
