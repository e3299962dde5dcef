import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans-bengali/400.css';
import '@fontsource/noto-sans-bengali/600.css';
import '@fontsource/noto-sans-devanagari/400.css';
import '@fontsource/noto-sans-devanagari/600.css';
import '../../../../renderer/src/styles/tokens.css';
import '../../../../renderer/src/styles/app.css';
import '../../../../renderer/src/i18n';
import type { SaveStatus } from '../../../../renderer/src/app/saveStatus';
import { MapEditor } from '../../../../renderer/src/editor/MapEditor';
import { emptySession, libraryStudy, realisticSession } from '../fixtures';

/**
 * The editor alone, with the realistic map, for looking at it (screenshots) and for
 * trying it by hand: `?large=1` large text, `?empty=1` an empty session, `?locked=1`.
 * Saving is simulated: "Saving…" then "Saved".
 */
const params = new URLSearchParams(window.location.search);
document.documentElement.classList.toggle('large-text', params.has('large'));
const study = libraryStudy();
const initial = params.has('empty') ? emptySession(study) : { ...realisticSession(study), locked: params.has('locked') };

function Harness() {
  const [session, setSession] = useState(initial);
  const [status, setStatus] = useState<SaveStatus>({ state: 'saved', savedAt: new Date().toISOString() });
  return (
    <div className="app">
      <header className="app-bar">
        <strong>FGD 3 · Survivors · Baseline</strong>
      </header>
      <main className="app-main">
        <MapEditor
          study={study}
          session={session}
          onChange={(next) => {
            setSession(next);
            setStatus({ state: 'saving' });
            setTimeout(() => setStatus({ state: 'saved', savedAt: new Date().toISOString() }), 300);
          }}
          saveStatus={status}
          onRetrySave={() => undefined}
          resetKey={session.id}
          language="en"
        />
      </main>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
