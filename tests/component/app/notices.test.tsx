import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import '../../../renderer/src/i18n';
import '../../../renderer/src/styles/tokens.css';
import '../../../renderer/src/styles/app.css';
import { NoticeArea } from '../../../renderer/src/app/NoticeArea';
import { NOTICE_LINGER_MS, NOTICE_ROUTE_GRACE_MS, NOTICE_TTL_MS, dismissNotice, notify, setNoticeClock, type NoticeClock } from '../../../renderer/src/store/actions';
import { resetAppStore, useAppStore } from '../../../renderer/src/store/appStore';

/**
 * Calm notices: confirmations and undo offers go by themselves, errors stay until
 * dismissed, nothing goes while the user holds it, and a notice stays on the page it was
 * shown on. Time is a hand-driven clock: no waiting, no timing to measure.
 */
function handClock(): NoticeClock & { advance(ms: number): void } {
  let now = 1_000_000;
  let seq = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => now,
    setTimeout(run, ms) {
      const id = ++seq;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].run();
      }
      now = end;
    },
  };
}

let clock: ReturnType<typeof handClock>;
const texts = () => useAppStore.getState().notices.map((n) => n.key);

beforeEach(() => {
  resetAppStore();
  clock = handClock();
  setNoticeClock(clock);
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/study/a`);
});
afterEach(() => {
  setNoticeClock(null);
  resetAppStore();
});

describe('notice expiry', () => {
  it('a confirmation with Undo goes after a few seconds; an error stays until dismissed', () => {
    notify({ tone: 'info', key: 'studies:deleted', values: { title: 'A' }, action: { key: 'undo', run: () => undefined } });
    const error = notify({ tone: 'error', key: 'common:errors.io', values: { message: 'disk full' } });
    expect(texts()).toEqual(['studies:deleted', 'common:errors.io']);
    clock.advance(NOTICE_TTL_MS - 1);
    expect(texts()).toEqual(['studies:deleted', 'common:errors.io']);
    clock.advance(1);
    expect(texts()).toEqual(['common:errors.io']);
    clock.advance(60 * 60 * 1000);
    expect(texts()).toEqual(['common:errors.io']);
    dismissNotice(error);
    expect(texts()).toEqual([]);
  });

  it('each notice keeps its own time', () => {
    notify({ tone: 'info', key: 'first' });
    clock.advance(4000);
    notify({ tone: 'info', key: 'second' });
    clock.advance(NOTICE_TTL_MS - 4000);
    expect(texts()).toEqual(['second']);
    clock.advance(4000);
    expect(texts()).toEqual([]);
  });

  it('does not go while the pointer is over it, and lingers a moment after', async () => {
    await render(<NoticeArea />);
    notify({ tone: 'info', key: 'studies:deleted', values: { title: 'Held study' }, action: { key: 'undo', run: () => undefined } });
    const notice = page.getByText('“Held study” was moved to the trash.');
    await expect.element(notice).toBeVisible();
    await userEvent.hover(notice);
    await expect.poll(() => document.querySelector('[data-testid="notice-area"]')?.matches(':hover')).toBe(true);
    clock.advance(NOTICE_TTL_MS * 3);
    expect(texts()).toEqual(['studies:deleted']);
    await userEvent.unhover(notice);
    // Let go: it stays a little longer, then goes.
    await expect.poll(() => useAppStore.getState().notices[0]?.expiresAt).toBe(clock.now() + NOTICE_LINGER_MS);
    clock.advance(NOTICE_LINGER_MS);
    expect(texts()).toEqual([]);
    await expect.element(notice).not.toBeInTheDocument();
  });

  it('is announced: errors in an alert region, confirmations in a status region', async () => {
    await render(<NoticeArea />);
    notify({ tone: 'error', key: 'common:errors.io', values: { message: 'disk full' } });
    notify({ tone: 'info', key: 'studies:deleted', values: { title: 'B' } });
    await expect.element(page.getByRole('alert')).toHaveTextContent('disk full');
    await expect.element(page.getByRole('status')).toHaveTextContent('“B” was moved to the trash.');
  });
});

describe('notices and pages', () => {
  it('go when the user goes to another page; a global one and one shown as the page changes stay', async () => {
    await render(<NoticeArea />);
    notify({ tone: 'error', key: 'common:errors.io', values: { message: 'page error' } });
    notify({ tone: 'info', key: 'studies:deleted', values: { title: 'Page notice' } });
    notify({ tone: 'info', key: 'studies:deleted', values: { title: 'Global notice' }, global: true });
    await expect.element(page.getByText('“Page notice” was moved to the trash.')).toBeVisible();
    clock.advance(NOTICE_ROUTE_GRACE_MS + 1);
    // An action that shows its result and then opens another page (an import opening the new study).
    notify({ tone: 'info', key: 'studies:deleted', values: { title: 'Follows the action' } });
    window.location.hash = '#/study/b';
    await expect.element(page.getByText('“Page notice” was moved to the trash.')).not.toBeInTheDocument();
    await expect.element(page.getByText('page error')).not.toBeInTheDocument();
    await expect.element(page.getByText('“Global notice” was moved to the trash.')).toBeVisible();
    await expect.element(page.getByText('“Follows the action” was moved to the trash.')).toBeVisible();
    // On the next page change it is an old notice of the page left.
    clock.advance(NOTICE_ROUTE_GRACE_MS + 1);
    window.location.hash = '#/';
    await expect.element(page.getByText('“Follows the action” was moved to the trash.')).not.toBeInTheDocument();
    expect(useAppStore.getState().notices.map((n) => n.values?.title)).toEqual(['Global notice']);
  });

  it('sit in the flow of the page, not over it', async () => {
    await render(
      <div style={{ display: 'flex', flexDirection: 'column' }} className="app-main">
        <div data-testid="the-map" style={{ height: '300px', background: '#ccc' }} />
        <NoticeArea />
      </div>,
    );
    notify({ tone: 'error', key: 'common:errors.io', values: { message: 'kept in its own space' } });
    await expect.element(page.getByText('kept in its own space')).toBeVisible();
    const area = document.querySelector('[data-testid="notice-area"]')!;
    expect(getComputedStyle(area).position).toBe('static');
    const a = area.getBoundingClientRect();
    const map = document.querySelector('[data-testid="the-map"]')!.getBoundingClientRect();
    // Above the map, not on it.
    expect(a.bottom).toBeLessThanOrEqual(map.top + 0.5);
  });
});
