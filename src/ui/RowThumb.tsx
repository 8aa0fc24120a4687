import { useBlobUrl } from './useBlobUrl.ts';

/** The session's first screen, small; an empty frame keeps rows aligned when there is none. */
export function RowThumb({ blob }: { blob: Blob | null }) {
  const url = useBlobUrl(blob);
  return <span className="row-thumb">{url && <img src={url} alt="" width={96} height={60} />}</span>;
}
