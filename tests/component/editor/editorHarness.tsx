import { StrictMode, useState } from 'react';
import { expect, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import '../../../renderer/src/styles/tokens.css';
import '../../../renderer/src/i18n';
import type { SaveStatus } from '../../../renderer/src/store/saveStatus';
import { MapEditor } from '../../../renderer/src/editor/MapEditor';
import type { Position } from '../../../shared/model/position';
import type { Session } from '../../../shared/model/session';
import type { Language } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { emptySession, libraryStudy } from './fixtures';

/**
 * Renders the map editor as the app shell does (StrictMode, session held by the
 * parent, every onChange recorded) and gives tests the user's view of it: the table
 * twin, the live region, and screen points for grid positions.
 */
export interface EditorUnderTest {
  container: HTMLElement;
  study: Study;
  /** Every session handed to onChange, in order. */
  changes: Session[];
  retry: ReturnType<typeof vi.fn>;
  /** The session the parent holds now. */
  current(): Session;
  /** Replace props as the shell would (a restored version, another save status). */
  update(patch: { session?: Session; resetKey?: string; saveStatus?: SaveStatus }): Promise<void>;
  row(id: string): { status: string; zone: string; power: string; interest: string; minority: string; note: string; selected: boolean };
  announcement(): string;
  map(): HTMLElement;
  /** A point on the map (relative to the map element's top-left) for a grid position. */
  pointFor(p: Position): { x: number; y: number };
  /** The same point in the page's client coordinates (for synthesised pointer events). */
  clientPointFor(p: Position): { x: number; y: number };
  button(name: string | RegExp): HTMLButtonElement;
  trayChip(short: string): HTMLButtonElement;
  undoButton(): HTMLButtonElement;
}

export async function renderEditor(
  options: { study?: Study; session?: Session; saveStatus?: SaveStatus; width?: number; height?: number; language?: Language } = {},
): Promise<EditorUnderTest> {
  await page.viewport(options.width ?? 1366, options.height ?? 768);
  const study = options.study ?? libraryStudy();
  const initial = options.session ?? emptySession(study);
  const changes: Session[] = [];
  const retry = vi.fn();
  let current = initial;
  let setProps: ((p: { session: Session; resetKey: string; saveStatus: SaveStatus }) => void) | null = null;

  function Host() {
    const [props, set] = useState({ session: initial, resetKey: 'k0', saveStatus: options.saveStatus ?? ({ state: 'idle' } as SaveStatus) });
    setProps = set;
    return (
      <MapEditor
        study={study}
        session={props.session}
        onChange={(next) => {
          changes.push(next);
          current = next;
          set((p) => ({ ...p, session: next }));
        }}
        saveStatus={props.saveStatus}
        onRetrySave={retry}
        resetKey={props.resetKey}
        language={options.language ?? 'en'}
      />
    );
  }

  const screen = await render(
    <StrictMode>
      <Host />
    </StrictMode>,
  );
  const container = screen.container;
  await expect.poll(() => container.querySelector('.map-canvas canvas')).toBeTruthy();
  await expect.poll(() => container.querySelector('.map-canvas')?.getAttribute('data-plot')).toBeTruthy();

  const map = () => container.querySelector<HTMLElement>('.map-canvas')!;
  const pointFor = (p: Position) => {
    const [left, top, width, height] = map().getAttribute('data-plot')!.split(',').map(Number) as [number, number, number, number];
    return { x: left + (p.interest / 10) * width, y: top + (1 - p.power / 10) * height };
  };
  const cell = (tr: Element, col: string) => tr.querySelector(`[data-col="${col}"]`)?.textContent?.trim() ?? '';

  return {
    container,
    study,
    changes,
    retry,
    current: () => current,
    async update(patch) {
      if (patch.session) current = patch.session;
      setProps?.({ session: patch.session ?? current, resetKey: patch.resetKey ?? 'k0', saveStatus: patch.saveStatus ?? { state: 'idle' } });
      await new Promise((r) => setTimeout(r, 50));
    },
    row(id) {
      const tr = container.querySelector(`tr[data-stakeholder-id="${id}"]`);
      if (!tr) throw new Error(`no table row for ${id}`);
      return {
        status: cell(tr, 'status'),
        zone: cell(tr, 'zone'),
        power: cell(tr, 'power'),
        interest: cell(tr, 'interest'),
        minority: cell(tr, 'minority'),
        note: cell(tr, 'note'),
        selected: tr.getAttribute('aria-current') === 'true',
      };
    },
    announcement: () => container.querySelector('[data-testid="map-announcer"]')?.textContent?.trim() ?? '',
    map,
    pointFor,
    clientPointFor(p) {
      const stage = map().querySelector('.konvajs-content')!.getBoundingClientRect();
      const pt = pointFor(p);
      return { x: stage.left + pt.x, y: stage.top + pt.y };
    },
    button(name) {
      const all = [...container.querySelectorAll<HTMLButtonElement>('button')];
      const found = all.find((b) => {
        const label = (b.getAttribute('aria-label') ?? b.textContent ?? '').trim();
        return typeof name === 'string' ? label === name : name.test(label);
      });
      if (!found) throw new Error(`no button ${String(name)}`);
      return found;
    },
    trayChip(short) {
      const found = [...container.querySelectorAll<HTMLButtonElement>('.tray .chip-button, .bin .chip-button')].find((b) => b.textContent?.startsWith(short));
      if (!found) throw new Error(`no chip ${short} in the tray or bins`);
      return found;
    },
    undoButton() {
      return [...container.querySelectorAll<HTMLButtonElement>('.ed-toolbar button')].find((b) => b.textContent?.includes('Undo'))!;
    },
  };
}

/** Press keys with the real keyboard (Playwright), as a user would. */
export const keys = (text: string) => userEvent.keyboard(text);

/**
 * A pointer drag made of synthesised pointer events, for the one thing the real mouse
 * API cannot do in the middle of a drag: press Escape. Moves in a few steps like a hand.
 */
export async function pointerDrag(
  from: { x: number; y: number },
  to: { x: number; y: number },
  opts: { beforeRelease?: () => Promise<void>; pointerType?: 'mouse' | 'touch' } = {},
): Promise<void> {
  const fire = (type: string, at: { x: number; y: number }) => firePointer(type, at, opts.pointerType ?? 'mouse');
  fire('pointerdown', from);
  for (let i = 1; i <= 4; i++) {
    fire('pointermove', { x: from.x + ((to.x - from.x) * i) / 4, y: from.y + ((to.y - from.y) * i) / 4 });
    await new Promise((r) => setTimeout(r, 16));
  }
  await opts.beforeRelease?.();
  fire('pointerup', to);
}

/** One synthesised pointer event at a client point, sent to whatever is there. */
export function firePointer(type: string, at: { x: number; y: number }, pointerType: 'mouse' | 'touch' = 'mouse'): void {
  const target = document.elementFromPoint(at.x, at.y) ?? document.body;
  target.dispatchEvent(
    new PointerEvent(type, {
      clientX: at.x,
      clientY: at.y,
      pointerId: pointerType === 'touch' ? 11 : 7,
      pointerType,
      button: 0,
      buttons: type === 'pointerup' ? 0 : 1,
      bubbles: true,
      cancelable: true,
      isPrimary: true,
    }),
  );
}

/** A tap: a touch press and release on the same spot. */
export function tap(at: { x: number; y: number }): void {
  firePointer('pointerdown', at, 'touch');
  firePointer('pointerup', at, 'touch');
}
