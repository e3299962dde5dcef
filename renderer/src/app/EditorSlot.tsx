import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/model/session';
import type { Language } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { sessionProgress } from '../../../shared/ops/sessionMeta';
import type { SaveStatus } from './saveStatus';

/** The props agreed with the map editor (renderer/src/editor/MapEditor.tsx). */
export interface MapEditorProps {
  study: Study;
  session: Session;
  onChange(next: Session): void;
  saveStatus: SaveStatus;
  onRetrySave(): void;
  resetKey: string;
  language: Language;
}

// NOTE: the editor is built alongside the shell. A glob import resolves to nothing
// while the file does not exist yet, so the shell builds either way.
const editorModules = import.meta.glob<{ MapEditor?: (props: MapEditorProps) => JSX.Element }>('../editor/MapEditor.tsx', { eager: true });
const MapEditor = Object.values(editorModules)[0]?.MapEditor;

export function EditorSlot(props: MapEditorProps) {
  const { t } = useTranslation('app');
  if (MapEditor) return <MapEditor {...props} />;
  const p = sessionProgress(props.study, props.session);
  return (
    <section className="editor-placeholder" aria-label={t('editor.placeholderLabel')}>
      <p>{t('editor.placeholder', { placed: p.placed, total: p.total })}</p>
    </section>
  );
}
