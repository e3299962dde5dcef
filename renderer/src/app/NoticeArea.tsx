import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/appStore';
import { dismissNotice } from '../store/actions';

/**
 * Messages about what just happened: host errors and "moved to the trash" with Undo.
 * Errors are announced assertively, confirmations politely. Nothing disappears by
 * itself: a facilitator talking to a group may look away for minutes.
 */
export function NoticeArea() {
  const { t } = useTranslation();
  const notices = useAppStore((s) => s.notices);
  const errors = notices.filter((n) => n.tone === 'error');
  const infos = notices.filter((n) => n.tone === 'info');
  const render = (list: typeof notices) =>
    list.map((n) => (
      <div key={n.id} className={`notice notice-${n.tone}`}>
        <p className="notice-text">{t(n.key, n.values)}</p>
        <div className="notice-actions">
          {n.action ? (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                dismissNotice(n.id);
                void n.action!.run();
              }}
            >
              {t(n.action.key)}
            </button>
          ) : null}
          <button type="button" className="button button-small button-quiet" onClick={() => dismissNotice(n.id)}>
            {t('dismiss')}
          </button>
        </div>
      </div>
    ));
  return (
    <div className="notice-area">
      <div role="alert" className="notice-stack">
        {render(errors)}
      </div>
      <div role="status" className="notice-stack">
        {render(infos)}
      </div>
    </div>
  );
}
