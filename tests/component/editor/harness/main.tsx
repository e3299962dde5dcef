import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans-bengali/400.css';
import '@fontsource/noto-sans-bengali/600.css';
import '@fontsource/noto-sans-devanagari/400.css';
import '@fontsource/noto-sans-devanagari/600.css';
import '../../../../renderer/src/styles/tokens.css';
import '../../../../renderer/src/styles/app.css';
import '../../../../renderer/src/i18n';
import type { SaveStatus } from '../../../../renderer/src/store/saveStatus';
import { MapEditor } from '../../../../renderer/src/editor/MapEditor';
import type { Language } from '../../../../shared/model/stakeholder';
import { emptySession, libraryStudy, realisticSession } from '../fixtures';

/**
 * The editor alone, with the realistic map, for looking at it (screenshots) and for
 * trying it by hand: `?large=1` large text, `?empty=1` an empty session, `?locked=1`,
 * `?lang=bn` or `?lang=hi` a few translated labels.
 * Saving is simulated: "Saving…" then "Saved".
 */
const params = new URLSearchParams(window.location.search);
document.documentElement.classList.toggle('large-text', params.has('large'));
// `?lang=bn` / `?lang=hi`: a few stakeholders with Bengali or Hindi labels, to check
// that conjuncts render on the canvas with the bundled fonts.
const lang = (params.get('lang') ?? 'en') as Language;
const SAMPLE_LABELS: Record<string, Partial<Record<'bn' | 'hi', { name: string; short: string }>>> = {
  police: { bn: { name: 'স্থানীয় থানা', short: 'পুলিশ' }, hi: { name: 'स्थानीय थाना', short: 'पुलिस' } },
  'gram-panchayat': { bn: { name: 'গ্রাম পঞ্চায়েত', short: 'পঞ্চায়েত' }, hi: { name: 'ग्राम पंचायत', short: 'पंचायत' } },
  asha: { bn: { name: 'আশা কর্মী', short: 'আশা' }, hi: { name: 'आशा कार्यकर्ता', short: 'आशा' } },
  childline: { bn: { name: 'চাইল্ডলাইন ১০৯৮', short: 'চাইল্ডলাইন' }, hi: { name: 'चाइल्डलाइन 1098', short: 'चाइल्डलाइन' } },
};
const base = libraryStudy();
const study = { ...base, stakeholders: base.stakeholders.map((s) => ({ ...s, labels: { ...s.labels, ...SAMPLE_LABELS[s.id] } })) };
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
          language={lang}
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
