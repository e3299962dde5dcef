import { useEffect } from 'react';
import { lockEverything, toggleScreenBlank, useLockStore } from '../store/lock';

/**
 * The blank screen and lock keys (issue 16). Both are Ctrl+Shift+letter (Cmd+Shift on a
 * Mac) so they work while typing in a text field — a facilitator writing a note when
 * someone walks in must not first leave the field — and never fire from ordinary typing.
 * `code` (the key's place), not `key`: with a Bengali or Hindi keyboard layout the letter
 * typed is not "b", and with Shift held `key` is "B".
 */
export const BLANK_SHORTCUT = 'Control+Shift+B';
export const LOCK_SHORTCUT = 'Control+Shift+L';

type KeyLike = Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

const chord = (e: KeyLike, code: string) => e.code === code && e.shiftKey && (e.ctrlKey || e.metaKey) && !e.altKey;

export const isBlankScreenKey = (e: KeyLike) => chord(e, 'KeyB');
export const isLockKey = (e: KeyLike) => chord(e, 'KeyL');

/**
 * Listen for both keys on the whole window, in the capture phase: the map editor and the
 * dialogs handle keys of their own and must not swallow these. `canLock`: an encrypted,
 * unlocked study is open (otherwise Ctrl+Shift+L does nothing and is left to the browser).
 * `enabled` false: the audience window, which handles its own keys.
 */
export function useLockKeys(canLock: boolean, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (isBlankScreenKey(e)) {
        e.preventDefault();
        e.stopPropagation();
        if (!e.repeat) void toggleScreenBlank();
      } else if (isLockKey(e) && canLock && !useLockStore.getState().screenBlank) {
        e.preventDefault();
        e.stopPropagation();
        if (!e.repeat) void lockEverything();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [canLock, enabled]);
}
