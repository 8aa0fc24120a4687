import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Enricher } from './app/enricher.ts';
import { App } from './ui/App.tsx';
import './ui/styles.css';

const root = createRoot(document.getElementById('root')!);

Enricher.open().then(
  (enricher) => {
    // Rendered in slices: the tab's first render must not hold up the scheduler's start, whose reads
    // and lock wait for turns of this thread.
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
