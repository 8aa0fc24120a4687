/** Shown when a newer version of the app opened the library in another tab: this tab has stopped. */
export function OutdatedNotice() {
  return (
    <div className="update-banner" role="alert">
      <span>A newer version of the app is open in another tab. This tab has stopped; reload it to carry on.</span>
      <button type="button" onClick={() => location.reload()}>
        Reload
      </button>
    </div>
  );
}
