import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/appStore';
import { clearPageNotices, dismissNotice, holdNotices } from '../store/actions';
import { useHash } from '../ui/router';
import './notices.css';

/**
 * Messages about what just happened: host errors and "moved to the trash" with Undo.
 * Errors are announced assertively, confirmations politely.
 *
 * Calm by design: a confirmation or an undo offer goes by itself after a few seconds
 * (not while the pointer is over it or focus is in it); an error stays until dismissed.
 * The notices take their own strip at the top of the page, in the flow, so they never
 * cover the map or the compare grid; they belong to the page they were shown on and go
 * when the user goes to another page (unless a notice is marked global).
 */
export function NoticeArea() {
  const { t } = useTranslation();
  const notices = useAppStore((s) => s.notices);
  const hash = useHash();
  const errors = notices.filter((n) => n.tone === 'error');
  const infos = notices.filter((n) => n.tone === 'info');

  // Another page: the notices of the one left go.
  const lastHash = useRef(hash);
  useEffect(() => {
    if (lastHash.current === hash) return;
    lastHash.current = hash;
    clearPageNotices();
  }, [hash]);

  // Reading or reaching for a notice holds its time.
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const hold = (hovered || focused) && notices.length > 0;
  useEffect(() => {
    holdNotices(hold);
  }, [hold]);
  useEffect(() => () => holdNotices(false), []);

  // The strip's height changes what lies below it: pages that size themselves to the
  // window (the map editor) measure again on a resize.
  const rootRef = useRef<HTMLDivElement>(null);
  const lastHeight = useRef(0);
  useEffect(() => {
    const el = rootRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      const h = Math.round(el.getBoundingClientRect().height);
      if (h === lastHeight.current) return;
      lastHeight.current = h;
      window.dispatchEvent(new Event('resize'));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const render = (list: typeof notices) =>
    list.map((n) => (
      <div key={n.id} className={`notice notice-${n.tone}`} data-notice-id={n.id} data-expires={n.expiresAt === null ? 'never' : 'soon'}>
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
    <div
      ref={rootRef}
      className={`notice-area notice-dock${notices.length > 0 ? ' notice-dock-open' : ''}`}
      data-testid="notice-area"
      onPointerEnter={() => setHovered(true)}
      onPointerLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <div role="alert" className="notice-stack">
        {render(errors)}
      </div>
      <div role="status" className="notice-stack">
        {render(infos)}
      </div>
    </div>
  );
}
