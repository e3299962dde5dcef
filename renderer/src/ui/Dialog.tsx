import { useEffect, useId, useLayoutEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface DialogProps {
  title: ReactNode;
  /** Closing by Escape, the Cancel button or the close button. */
  onClose(): void;
  /** When given, the body is a form and Enter submits it. */
  onSubmit?(): void;
  children: ReactNode;
  /** Buttons at the bottom, right-aligned (the form's submit button goes here). */
  footer?: ReactNode;
  size?: 'narrow' | 'wide';
  /** Shown above the footer when an action failed. */
  error?: ReactNode;
  /** Extra id to describe the dialog (an intro paragraph). */
  describedBy?: string;
}

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, makes the
 * page behind inert and handles Escape. Mount it to open it, unmount it to close it;
 * focus returns to where it was.
 */
export function Dialog({ title, onClose, onSubmit, children, footer, size, error, describedBy }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // showModal focuses the first focusable element, the close button; a form is more
    // useful starting at its first field. (React's autoFocus renders no attribute the
    // dialog could honour.)
    dialog.querySelector<HTMLElement>('.dialog-body :is(input, select, textarea):not([disabled])')?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit?.();
  };

  const body = (
    <>
      <header className="dialog-header">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <button type="button" className="icon-button" aria-label={t('close')} onClick={() => onCloseRef.current()}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <div className="dialog-body">{children}</div>
      {error ? (
        <div className="dialog-error" role="alert">
          {error}
        </div>
      ) : null}
      {footer ? <footer className="dialog-footer">{footer}</footer> : null}
    </>
  );

  return (
    <dialog
      ref={ref}
      className={`dialog${size ? ` dialog-${size}` : ''}`}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onCancel={(e) => {
        e.preventDefault();
        onCloseRef.current();
      }}
    >
      {onSubmit ? (
        <form className="dialog-content" onSubmit={submit} noValidate>
          {body}
        </form>
      ) : (
        <div className="dialog-content">{body}</div>
      )}
    </dialog>
  );
}
