import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Enricher } from './app/enricher.ts';
import { App } from './ui/App.tsx';
import './ui/styles.css';

const root = createRoot(document.getElementById('root')!);

Enricher.open().then(
  (enricher) => {
    // Rendered whole: in slices (startTransition) the first row came 0.2 s later and no job started
    // sooner, as the commit stays one task (docs/benchmarks.md, "100,000 stored jobs recovered").
    root.render(
      <StrictMode>
        <App enricher={enricher} />
      </StrictMode>,
    );
  },
  () => {
    root.render(<p className="fatal">Session Enricher could not open its storage. Private windows and full disks can cause this.</p>);
  },
);
