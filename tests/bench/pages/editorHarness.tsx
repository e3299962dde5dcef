/**
 * The real map editor (renderer/src/editor/MapEditor.tsx) on its own, for chip counts
 * the app cannot open: the study schema allows at most 500 stakeholders, so a session
 * with 3,000 chips on the grid exists only here. Everything inside the editor is the
 * product's code; only the page around it (no top bar, no save queue) is not.
 *
 * `onChange` is where the app hands a changed session to its save queue, so counting
 * its calls counts store writes.
 */
import '@fontsource/noto-sans-bengali/400.css';
import '@fontsource/noto-sans-bengali/600.css';
import '@fontsource/noto-sans-devanagari/400.css';
import '@fontsource/noto-sans-devanagari/600.css';
import '../../../renderer/src/styles/tokens.css';
import '../../../renderer/src/styles/app.css';
import '../../../renderer/src/i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MapEditor } from '../../../renderer/src/editor/MapEditor';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';

declare global {
  interface Window {
    /** performance.now() of every onChange (a session handed to the saver). */
    __editorChanges: number[];
  }
}

window.__editorChanges = [];

async function start() {
  const name = new URLSearchParams(window.location.search).get('data') ?? 'editor';
  const { study, session } = (await (await fetch(`/data/${name}.json`)).json()) as { study: Study; session: Session };
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <div className="app app-editor">
        <main className="app-main">
          <MapEditor
            study={study}
            session={session}
            onChange={() => window.__editorChanges.push(performance.now())}
            saveStatus={{ state: 'idle' }}
            onRetrySave={() => undefined}
            resetKey={session.id}
            language="en"
          />
        </main>
      </div>
    </StrictMode>,
  );
}

void start();
