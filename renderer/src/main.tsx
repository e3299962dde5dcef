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
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
void start();
