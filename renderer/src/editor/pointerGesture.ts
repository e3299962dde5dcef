/**
 * One pointer gesture at a time, for mouse, pen and finger alike (pointer events):
 * a press that either stays put (a click or tap: select, place) or travels past a small
 * threshold (a drag). Drags cross the DOM/canvas boundary — from the tray onto the
 * grid, from the grid into a bin — so the gesture listens on the window rather than on
 * one element, and the caller decides what is under the pointer.
 *
 * Escape during a drag cancels it: the caller restores the preview and records
 * nothing. The press's release after a cancel is swallowed, so it is not a click.
 */
export interface GestureHandlers {
  /** The pointer travelled past the threshold: the drag has begun. */
  onDragStart?(x: number, y: number): void;
  onDragMove?(x: number, y: number): void;
  /** The drag ended with the button released at (x, y). */
  onDrop?(x: number, y: number): void;
  /** The drag was cancelled (Escape, or the system took the pointer away). */
  onCancel?(): void;
  /** Released without travelling: a click or a tap. */
  onClick?(x: number, y: number): void;
}

/** Travel (px) before a press becomes a drag: small for a mouse, larger for a finger. */
const THRESHOLD = { mouse: 4, pen: 6, touch: 8 } as const;

let active: { abandon(): void } | null = null;

/** Whether a drag is in progress (used to keep keyboard shortcuts out of its way). */
export function gestureActive(): boolean {
  return active !== null;
}

/** Start following a press. `draggable: false` turns travel into nothing (no click either). */
export function beginGesture(e: PointerEvent, handlers: GestureHandlers, options: { draggable: boolean }): void {
  if (e.button !== 0) return;
  // A new press (a second finger, or a release the window never saw) ends the old gesture.
  active?.abandon();
  const startX = e.clientX;
  const startY = e.clientY;
  const pointerId = e.pointerId;
  const threshold = THRESHOLD[e.pointerType as keyof typeof THRESHOLD] ?? THRESHOLD.mouse;
  let state: 'pressed' | 'dragging' | 'moved' | 'cancelled' = 'pressed';
  // No text selection while the pointer is down: stopped here rather than with a
  // user-select style on the page, which would restyle every element (see editor.css).
  const noSelect = (ev: Event) => {
    if (state === 'dragging' || state === 'cancelled') ev.preventDefault();
  };

  const move = (ev: PointerEvent) => {
    if (ev.pointerId !== pointerId) return;
    if (state === 'pressed' && Math.hypot(ev.clientX - startX, ev.clientY - startY) > threshold) {
      if (!options.draggable) {
        state = 'moved';
        return;
      }
      state = 'dragging';
      document.body.classList.add('pimap-dragging');
      // A selection the press may have begun would otherwise grow with the drag.
      document.getSelection()?.removeAllRanges();
      handlers.onDragStart?.(ev.clientX, ev.clientY);
    }
    if (state === 'dragging') {
      ev.preventDefault();
      handlers.onDragMove?.(ev.clientX, ev.clientY);
    }
  };
  const up = (ev: PointerEvent) => {
    if (ev.pointerId !== pointerId) return;
    const was = state;
    dispose();
    if (was === 'pressed') handlers.onClick?.(ev.clientX, ev.clientY);
    else if (was === 'dragging') handlers.onDrop?.(ev.clientX, ev.clientY);
  };
  const cancel = (ev: PointerEvent) => {
    if (ev.pointerId !== pointerId) return;
    const was = state;
    dispose();
    if (was === 'dragging') handlers.onCancel?.();
  };
  const key = (ev: KeyboardEvent) => {
    if (ev.key !== 'Escape' || state !== 'dragging') return;
    ev.preventDefault();
    ev.stopPropagation();
    state = 'cancelled';
    document.body.classList.remove('pimap-dragging');
    handlers.onCancel?.();
  };
  const dispose = () => {
    window.removeEventListener('pointermove', move, true);
    window.removeEventListener('pointerup', up, true);
    window.removeEventListener('pointercancel', cancel, true);
    window.removeEventListener('keydown', key, true);
    document.removeEventListener('selectstart', noSelect, true);
    document.body.classList.remove('pimap-dragging');
    if (active === record) active = null;
  };
  const record = {
    abandon() {
      const was = state;
      dispose();
      if (was === 'dragging') handlers.onCancel?.();
    },
  };
  active = record;
  window.addEventListener('pointermove', move, true);
  window.addEventListener('pointerup', up, true);
  window.addEventListener('pointercancel', cancel, true);
  window.addEventListener('keydown', key, true);
  document.addEventListener('selectstart', noSelect, true);
}
