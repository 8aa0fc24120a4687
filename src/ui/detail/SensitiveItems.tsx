import { SENSITIVE_KINDS, type SensitiveFinding } from '../../shared/privacy.ts';
import { kindHeading, placeFocus, placeWords } from './findingWords.ts';
import type { DetailFocus } from './outcomes.ts';

interface SensitiveItemsProps {
  findings: readonly SensitiveFinding[];
  /** Ids of findings marked "Not sensitive". */
  dismissed: readonly string[];
  /** Null when the session has no timeline to jump on. */
  onJump: ((focus: DetailFocus) => void) | null;
  onMark: (findingId: string, sensitive: boolean) => void;
  /** What the person marked ("Redact this too"), each with a way to remove it. */
  marks: readonly SensitiveFinding[];
  onRemoveMark: (markId: string) => void;
  /**
   * With "redact everywhere": each change of marks queues the stages from `redact` on over the stored
   * result (Enricher.privacyChanged), so the pictures and the search index take them in shortly.
   */
  everywhere: boolean;
}

/** What the redact stage found, by kind and place, with masked previews only. */
export function SensitiveItems({ findings, dismissed, onJump, onMark, marks, onRemoveMark, everywhere }: SensitiveItemsProps) {
  const notSensitive = new Set(dismissed);
  return (
    <section aria-labelledby="sensitive-title" className="sensitive-items">
      <h3 id="sensitive-title">Sensitive items</h3>
      {findings.length === 0 && marks.length === 0 ? (
        <p className="meta">Nothing sensitive was found.</p>
      ) : (
        <p className="meta">Redacted in exports and provider requests unless marked “Not sensitive”.</p>
      )}
      {SENSITIVE_KINDS.map((kind) => {
        const ofKind = findings.filter((f) => f.kind === kind);
        if (ofKind.length === 0) return null;
        const label = kindHeading(kind);
        return (
          <div key={kind}>
            <h4>
              {label} ({ofKind.length})
            </h4>
            <ul aria-label={label}>
              {ofKind.map((finding) => {
                const focus = placeFocus(finding.place);
                const kept = notSensitive.has(finding.id);
                const where = placeWords(finding.place);
                return (
                  <li key={finding.id} className={kept ? 'not-sensitive' : ''}>
                    <code>{finding.preview}</code> in {where}
                    {kept && <span className="meta"> · not sensitive</span>}{' '}
                    {focus && onJump && (
                      <button type="button" className="quiet" aria-label={`Show ${finding.preview} in ${where} on the timeline`} onClick={() => onJump(focus)}>
                        Show
                      </button>
                    )}{' '}
                    <button type="button" className="quiet" aria-pressed={kept} aria-label={`Not sensitive: ${finding.preview} in ${where}`} onClick={() => onMark(finding.id, kept)}>
                      Not sensitive
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
      {marks.length > 0 && (
        <div>
          <h4>Marked by you ({marks.length})</h4>
          <ul aria-label="Marked by you">
            {marks.map((own) => {
              const focus = placeFocus(own.place);
              const where = placeWords(own.place);
              return (
                <li key={own.id}>
                  {own.preview} in {where}{' '}
                  {focus && onJump && (
                    <button type="button" className="quiet" aria-label={`Show ${own.preview} in ${where} on the timeline`} onClick={() => onJump(focus)}>
                      Show
                    </button>
                  )}{' '}
                  <button type="button" className="quiet" aria-label={`Remove mark: ${own.preview} in ${where}`} onClick={() => onRemoveMark(own.id)}>
                    Remove
                  </button>
                </li>
              );
            })}
          </ul>
          {everywhere && (
            <p className="meta">
              Exports and the texts shown leave these out at once; thumbnails, the storyboard and search take them in a moment later, without reading the screens again.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
