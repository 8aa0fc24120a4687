import { useRef, useState, type DragEvent } from 'react';
import type { Enricher } from '../app/enricher.ts';
import { filesFromDrop, filesFromInput } from '../import/dropEntries.ts';
import type { ImportReport } from '../import/importSessions.ts';
import { refusal } from '../import/refusal.ts';

const EMPTY_FOLDER = 'The picked folder is empty, so no session was imported: a session folder holds screenshots, audio, a transcript, notes or a session.json.';

/** The two ways in: sample sessions, and a folder picked or dropped. */
export function ImportControls({ enricher }: { enricher: Enricher }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [dragging, setDragging] = useState(false);

  const guard = async (label: string, work: () => Promise<ImportReport>, what = 'What was picked') => {
    setBusy(label);
    try {
      setReport(await work());
    } catch (error) {
      // Whatever stopped the import is said here, not thrown into the void of a click handler.
      setReport({ imported: [], refused: [refusal(what, error)] });
    } finally {
      setBusy(null);
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const items = event.dataTransfer.items;
    void guard('Importing…', async () => enricher.importFiles(await filesFromDrop(items)));
  };

  return (
    <section
      className={`import ${dragging ? 'dragging' : ''}`}
      aria-label="Add sessions"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <button type="button" disabled={busy !== null} onClick={() => void guard('Making samples…', () => enricher.loadSamples(), 'The sample sessions')}>
        Load sample sessions
      </button>
      <label className="button">
        Import sessions
        <input
          ref={input}
          type="file"
          aria-label="Import sessions"
          // React does not know webkitdirectory; it passes the attribute through as written.
          {...{ webkitdirectory: '', directory: '' }}
          multiple
          className="visually-hidden"
          disabled={busy !== null}
          onChange={(event) => {
            const files = event.currentTarget.files;
            if (files?.length) void guard('Importing…', () => enricher.importFiles(filesFromInput(files)));
            // An empty folder comes as no file at all: say so rather than do nothing.
            else setReport({ imported: [], refused: [EMPTY_FOLDER] });
            event.currentTarget.value = '';
          }}
        />
      </label>
      <label className="button">
        Import zip files
        <input
          type="file"
          aria-label="Import zip files"
          accept=".zip"
          multiple
          className="visually-hidden"
          disabled={busy !== null}
          onChange={(event) => {
            const files = event.currentTarget.files;
            if (files?.length) void guard('Importing…', () => enricher.importFiles(filesFromInput(files)));
            event.currentTarget.value = '';
          }}
        />
      </label>
      <span className="drop-hint">or drop session folders or zip files here</span>
      {busy && <span role="status">{busy}</span>}
      {report && report.refused.length > 0 && (
        <ul className="refused" role="alert">
          {report.refused.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
