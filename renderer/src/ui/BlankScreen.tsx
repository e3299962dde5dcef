import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { setScreenBlank, useLockStore } from '../store/lock';
import { BLANK_SHORTCUT } from './lockKeys';
import './lock.css';

/**
 * The blank screen (Ctrl+Shift+B): one calm colour over everything, for when someone walks
 * into the room. It is a modal <dialog>, so it lies in the browser's top layer above every
 * other dialog and makes the whole page behind it inert (nothing can be tabbed to or read
 * by a screen reader). The page behind stays as it was, so coming back is instant.
 *
 * Nothing on it says what is hidden. The only visible thing is a small "Continue" button;
 * focus starts on the screen itself, not on the button, so a curious visitor pressing
 * Enter or Space brings nothing back. Escape does not either — only the same key or the
 * button.
 */
export function BlankScreen() {
  const blank = useLockStore((s) => s.screenBlank);
  if (!blank) return null;
  return <BlankDialog />;
}

function BlankDialog() {
  const { t } = useTranslation('lock');
  const ref = useRef<HTMLDialogElement>(null);
  const hintId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const open = () => {
      if (!dialog.open) dialog.showModal();
      dialog.focus();
    };
    open();
    // The browser may close a modal dialog on a second Escape whatever the page says
    // (a close watcher without user activation): open it again while blank.
    const onClose = () => {
      if (useLockStore.getState().screenBlank) open();
    };
    const onCancel = (e: Event) => e.preventDefault();
    dialog.addEventListener('close', onClose);
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('close', onClose);
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (returnTo?.isConnected) returnTo.focus({ preventScroll: true });
    };
  }, []);

  return (
    <dialog ref={ref} className="blank-screen" aria-label={t('blank.label')} aria-describedby={hintId} tabIndex={-1} data-testid="blank-screen">
      <p id={hintId} className="visually-hidden">
        {t('blank.hint')}
      </p>
      <button type="button" className="blank-screen__back" aria-keyshortcuts={BLANK_SHORTCUT} onClick={() => void setScreenBlank(false)}>
        {t('blank.back')}
      </button>
    </dialog>
  );
}
