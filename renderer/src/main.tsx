import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Bengali and Devanagari faces ship with the app: many users' machines lack them. Every
// weight the styles use is shipped (400 text, 600 headings and labels, 700 bold), or a
// bold Bengali heading falls back to a system face, and to boxes where there is none.
import '@fontsource/noto-sans-bengali/400.css';
import '@fontsource/noto-sans-bengali/600.css';
import '@fontsource/noto-sans-bengali/700.css';
import '@fontsource/noto-sans-devanagari/400.css';
import '@fontsource/noto-sans-devanagari/600.css';
import '@fontsource/noto-sans-devanagari/700.css';
import './styles/tokens.css';
import { setLanguage } from './i18n';
import { App } from './app/App';
import { loadPrefs } from './store/actions';
import { useAppStore } from './store/appStore';

/**
 * Wait (briefly) for the shipped Bengali and Devanagari faces before the first render.
 * Text laid out while its web font is still loading is meant to be redrawn when the font
 * arrives, but Chromium left the first Bengali words of a page (the top bar's) in a
 * fallback face, as boxes, on a machine without system Indic fonts. Loading first costs
 * a few milliseconds (the files are local) and avoids any flash of fallback text.
 */
async function shippedFacesLoaded(): Promise<void> {
  const faces = ['Noto Sans Bengali', 'Noto Sans Devanagari'].flatMap((family) =>
    [400, 600, 700].map((weight) => document.fonts.load(`${weight} 16px '${family}'`, family.includes('Bengali') ? 'অ' : 'अ')),
  );
  await Promise.race([Promise.allSettled(faces), new Promise((resolve) => setTimeout(resolve, 2000))]);
}

/**
 * The saved language is applied before the first render, so the first words on screen
 * and `<html lang>` are already in it (no flash of English, no English voice for a
 * screen reader reading a Bengali page). If the host cannot answer, App reports it.
 */
async function start(): Promise<void> {
  try {
    await loadPrefs();
  } catch {
    // App loads the preferences again and shows the error.
  }
  const { language, bengaliDigits } = useAppStore.getState().prefs;
  await setLanguage(language, bengaliDigits ?? false);
  await shippedFacesLoaded();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
void start();
