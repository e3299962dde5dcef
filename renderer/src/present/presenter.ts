import { useEffect } from 'react';
import { create } from 'zustand';
import { PRESENT_CHANNEL, readPresentMessage, type AudiencePicture, type PresentMessage } from '../../../shared/present/audience';
import { noteActivity, useLockStore } from '../store/lock';
import { hrefFor } from '../ui/router';

/**
 * The facilitator's side of presenting. The audience window is a second window of the
 * app (`#/present`) that the facilitator drags to the projector; in the desktop app the
 * main process lets exactly this URL open (electron/main/presentWindow), in the browser
 * preview it is a pop-up of the same origin. The two talk over a BroadcastChannel:
 *
 *   audience opens ── hello ──▶ facilitator ── picture (current map or step, blank) ──▶
 *   every move, undo, status change, language switch ── picture ──▶ audience redraws
 *   B in either window ── blank ──▶ the other follows
 *   → / ← in the audience window ── step ──▶ the facilitator's sequence moves on
 *   Stop ── end ──▶ the audience window closes itself
 *
 * Pages say what should be on the projector with `useShowOnAudience`; this module keeps the
 * latest picture so an audience window that opens (or reloads) later gets it at once.
 */

export interface PresenterState {
  /** closed: no audience window; waiting: opened, not yet answered; open: it answered. */
  audience: 'closed' | 'waiting' | 'open';
  /** The audience window shows a neutral screen instead of the picture. */
  blank: boolean;
}

export const usePresenter = create<PresenterState>(() => ({ audience: 'closed', blank: false }));

let channel: BroadcastChannel | null = null;
let picture: AudiencePicture | null = null;
let audienceWindow: Window | null = null;
const stepListeners = new Set<(delta: 1 | -1) => void>();

function post(message: PresentMessage): void {
  channel?.postMessage(message);
}

function ensureChannel(): BroadcastChannel {
  if (channel) return channel;
  channel = new BroadcastChannel(PRESENT_CHANNEL);
  channel.onmessage = (e: MessageEvent) => {
    const m = readPresentMessage(e.data);
    if (!m) return;
    if (m.kind === 'hello') {
      usePresenter.setState({ audience: 'open' });
      post({ kind: 'picture', picture, blank: usePresenter.getState().blank });
    } else if (m.kind === 'bye') {
      usePresenter.setState({ audience: 'closed' });
    } else if (m.kind === 'blank') {
      noteActivity();
      usePresenter.setState({ blank: m.blank });
    } else if (m.kind === 'step') {
      // A clicker in the audience window is someone using the app: not idle (issue 16).
      noteActivity();
      for (const l of stepListeners) l(m.delta);
    }
  };
  return channel;
}

/**
 * Open the audience window (or bring it back to the front). False when the window could
 * not be opened (a pop-up blocker in a browser).
 */
export function openAudience(): boolean {
  ensureChannel();
  if (audienceWindow && !audienceWindow.closed) {
    audienceWindow.focus();
    return true;
  }
  // A named target: a second click reuses the window instead of opening another one.
  audienceWindow = window.open(hrefFor({ name: 'present' }), 'pimap-audience', 'popup,width=1280,height=720');
  if (!audienceWindow) return false;
  usePresenter.setState({ audience: 'waiting' });
  return true;
}

/** Close the audience window. */
export function closeAudience(): void {
  post({ kind: 'end' });
  audienceWindow?.close();
  audienceWindow = null;
  usePresenter.setState({ audience: 'closed', blank: false });
}

export function setAudienceBlank(blank: boolean): void {
  usePresenter.setState({ blank });
  post({ kind: 'blank', blank });
}

export function toggleAudienceBlank(): void {
  setAudienceBlank(!usePresenter.getState().blank);
}

/**
 * The blank screen (Ctrl+Shift+B, issue 16) hides the projector too: someone who walked in
 * must see neither screen. Coming back puts the projector as it was (blanked with B
 * before, it stays blank).
 */
let blankBeforeScreen = false;
useLockStore.subscribe((s, prev) => {
  if (s.screenBlank === prev.screenBlank) return;
  if (s.screenBlank) {
    blankBeforeScreen = usePresenter.getState().blank;
    setAudienceBlank(true);
  } else setAudienceBlank(blankBeforeScreen);
});

/** Put a picture on the projector (null: the neutral "waiting" screen). Cheap when nobody presents. */
export function showOnAudience(next: AudiencePicture | null): void {
  picture = next;
  if (usePresenter.getState().audience !== 'closed') post({ kind: 'picture', picture, blank: usePresenter.getState().blank });
}

/** Be told when → or ← is pressed in the audience window. Returns the unsubscribe. */
export function onAudienceStep(listener: (delta: 1 | -1) => void): () => void {
  stepListeners.add(listener);
  return () => stepListeners.delete(listener);
}

/** For tests: forget the window and the picture. */
export function resetPresenter(): void {
  channel?.close();
  channel = null;
  picture = null;
  audienceWindow = null;
  stepListeners.clear();
  usePresenter.setState({ audience: 'closed', blank: false });
}

/**
 * Keep the projector showing `picture` while the calling page is mounted (and the neutral
 * screen after it leaves). Pass a memoised value: each new one is sent.
 */
export function useShowOnAudience(picture: AudiencePicture | null): void {
  useEffect(() => {
    showOnAudience(picture);
  }, [picture]);
  useEffect(() => () => showOnAudience(null), []);
}
