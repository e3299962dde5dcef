import { useTranslation } from 'react-i18next';

/** Placeholder shell; replaced by the app shell (study list, study page, editor routes). */
export function App() {
  const { t } = useTranslation();
  return (
    <main>
      <h1>{t('appName')}</h1>
    </main>
  );
}
