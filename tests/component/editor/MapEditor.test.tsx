import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { zoneOf } from '../../../shared/model/zones';
import { keys, pointerDrag, renderEditor, tap } from './editorHarness';
import { emptySession, libraryStudy, realisticSession } from './fixtures';

// Fail any test that logs an error or a warning the user would never see.
let consoleProblems: string[] = [];
beforeEach(() => {
  consoleProblems = [];
  for (const level of ['error', 'warn'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      consoleProblems.push(`${level}: ${args.map(String).join(' ')}`);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(consoleProblems).toEqual([]);
});

/** The height of one zone's box in a `data-zone-labels` value. */
const toRectHeight = (attr: string, id: string) => Number(attr.split(';').find((e) => e.startsWith(`${id}:`))!.split(',')[3]);
const near = (text: string, value: number) => Math.abs(Number(text) - value) <= 0.15;

describe('placing stakeholders', () => {
  it('lists every active stakeholder in the tray and in the table, none placed', async () => {
    const ed = await renderEditor();
    expect(ed.container.querySelectorAll('.tray .chip-button')).toHaveLength(24);
    expect(ed.container.querySelectorAll('tbody tr')).toHaveLength(24);
    expect(ed.row('police')).toMatchObject({ status: 'Not yet placed', zone: '—', power: '—', interest: '—' });
    expect(ed.container.textContent).toContain('0 placed · 0 unknown · 0 not discussed · 24 to place');
  });

  it('places by clicking a tray chip, then a point on the grid', async () => {
    const ed = await renderEditor();
    await userEvent.click(ed.trayChip('Police'));
    expect(ed.container.textContent).toContain('Click on the map to place Police');
    await userEvent.click(ed.map(), { position: ed.pointFor({ power: 9, interest: 1.5 }) });
    await expect.poll(() => ed.row('police').status).toBe('Placed');
    const row = ed.row('police');
    expect(row.zone).toBe('High power, low interest');
    expect(near(row.power, 9) && near(row.interest, 1.5)).toBe(true);
    expect(ed.announcement()).toBe(`Police placed at high power, low interest: ${row.power}, ${row.interest}`);
    expect(ed.container.querySelector('.tray [data-stakeholder-id="police"]')).toBeNull();
    expect(ed.changes).toHaveLength(1);
    expect(ed.current().placements.police?.position).toEqual({ power: Number(row.power), interest: Number(row.interest) });
  });

  it('places by dragging a tray chip onto the grid with the mouse (one change, one undo step)', async () => {
    const ed = await renderEditor();
    await userEvent.dragAndDrop(ed.trayChip('ASHA'), ed.map(), { targetPosition: ed.pointFor({ power: 2.5, interest: 8.5 }) });
    await expect.poll(() => ed.row('asha').status).toBe('Placed');
    const row = ed.row('asha');
    expect(row.zone).toBe('Low power, high interest');
    expect(near(row.power, 2.5) && near(row.interest, 8.5)).toBe(true);
    expect(ed.changes).toHaveLength(1);
    await userEvent.click(ed.undoButton());
    await expect.poll(() => ed.row('asha').status).toBe('Not yet placed');
    expect(ed.announcement()).toBe('Undo: ASHA back in the tray');
  });

  it('moves a chip by dragging it, sends it to a bin and back to the tray by dragging', async () => {
    const ed = await renderEditor({ session: realisticSession(libraryStudy()) });
    const bin = ed.container.querySelector<HTMLElement>('.bin--unknown')!;
    // police is at 9.3, 0.8 in the fixture
    await userEvent.dragAndDrop(ed.map(), ed.map(), { sourcePosition: ed.pointFor({ power: 9.3, interest: 0.8 }), targetPosition: ed.pointFor({ power: 4, interest: 4 }) });
    await expect.poll(() => ed.row('police').zone).toBe('Low power, low interest');
    expect(ed.announcement()).toMatch(/^Police moved to low power, low interest: \d\.\d, \d\.\d$/);
    await userEvent.dragAndDrop(ed.map(), bin, { sourcePosition: ed.pointFor(ed.current().placements.police!.position!) });
    await expect.poll(() => ed.row('police').status).toBe('Unknown to the group');
    expect(bin.textContent).toContain('Police');
    // its last position is remembered, so dragging it out of the bin is "placed" again
    expect(ed.current().placements.police?.position).not.toBeNull();
    await userEvent.dragAndDrop(ed.trayChip('Police'), ed.container.querySelector<HTMLElement>('.tray')!);
    await expect.poll(() => ed.row('police').status).toBe('Not yet placed');
    expect(ed.current().placements.police).toBeUndefined();
    expect(ed.changes).toHaveLength(3);
  });

  it('Escape during a drag puts the chip back and records nothing', async () => {
    const ed = await renderEditor({ session: realisticSession(libraryStudy()) });
    const before = ed.current();
    ed.map().focus();
    await pointerDrag(ed.clientPointFor({ power: 9.3, interest: 0.8 }), ed.clientPointFor({ power: 2, interest: 9 }), {
      beforeRelease: async () => {
        // the landing preview is showing while the chip is held
        expect(document.body.classList.contains('pimap-dragging')).toBe(true);
        await keys('{Escape}');
      },
    });
    expect(document.body.classList.contains('pimap-dragging')).toBe(false);
    expect(ed.changes).toHaveLength(0);
    expect(ed.current()).toBe(before);
    expect(ed.row('police')).toMatchObject({ power: '9.3', interest: '0.8' });
    expect(ed.undoButton().disabled).toBe(true);
    expect(ed.announcement()).toBe('Move cancelled');
  });

  it('a drag dropped off the map changes nothing', async () => {
    const ed = await renderEditor({ session: realisticSession(libraryStudy()) });
    const toolbar = ed.container.querySelector('.ed-toolbar')!.getBoundingClientRect();
    await pointerDrag(ed.clientPointFor({ power: 9.3, interest: 0.8 }), { x: toolbar.left + toolbar.width / 2, y: toolbar.top + 5 });
    expect(ed.changes).toHaveLength(0);
    expect(ed.row('police')).toMatchObject({ power: '9.3', interest: '0.8', status: 'Placed' });
  });
});

describe('keyboard only', () => {
  it('places, marks unknown, adds a note, undoes and redoes without a mouse', async () => {
    const ed = await renderEditor();
    ed.trayChip('BDO').focus();
    await keys('{Enter}'); // picks BDO up; focus moves to the map
    expect(document.activeElement).toBe(ed.map());
    await keys('{Enter}'); // puts it in the middle
    await expect.poll(() => ed.row('bdo').power).toBe('5.0');
    await keys('{ArrowUp}{ArrowUp}{ArrowUp}{ArrowUp}{ArrowUp}{ArrowUp}{ArrowLeft}{ArrowLeft}{ArrowLeft}{ArrowLeft}{ArrowLeft}{ArrowLeft}');
    await keys('{Shift>}{ArrowUp}{/Shift}'); // fine step
    await expect.poll(() => ed.row('bdo')).toMatchObject({ power: '8.1', interest: '2.0', zone: 'High power, low interest' });
    expect(ed.announcement()).toBe('BDO moved to high power, low interest: 8.1, 2.0');

    // back to the tray (one tab stop), next stakeholder with the arrow keys, U = unknown
    await keys('{Shift>}{Tab}{/Shift}');
    expect(document.activeElement?.closest('.tray')).toBeTruthy();
    expect(document.activeElement?.textContent).toContain('Panchayat');
    await keys('{ArrowDown}'); // P. Samiti
    await keys('u');
    await expect.poll(() => ed.row('panchayat-samiti').status).toBe('Unknown to the group');
    expect(ed.announcement()).toBe('P. Samiti marked unknown to the group');
    // focus stays in the tray, on the next stakeholder
    expect(document.activeElement?.closest('.tray')).toBeTruthy();

    // a note for the BDO: select its row in the table, Enter goes to the map, Tab to the panel
    ed.container.querySelector<HTMLElement>('tr[data-stakeholder-id="bdo"]')!.focus();
    await keys('{Enter}');
    expect(document.activeElement).toBe(ed.map());
    for (let i = 0; i < 12 && document.activeElement?.tagName !== 'TEXTAREA'; i++) await userEvent.tab();
    expect(document.activeElement?.id).toMatch(/note$/);
    await keys('Never came to a meeting');
    await expect.poll(() => ed.row('bdo').note).toBe('Never came to a meeting');

    // Ctrl+Z undoes the whole note (one typing burst is one step), Ctrl+Shift+Z brings it back
    await keys('{Control>}z{/Control}');
    await expect.poll(() => ed.row('bdo').note).toBe('—');
    expect(ed.announcement()).toBe('Undo: Reason for BDO changed');
    await keys('{Control>}{Shift>}z{/Shift}{/Control}');
    await expect.poll(() => ed.row('bdo').note).toBe('Never came to a meeting');
    await keys('{Control>}z{/Control}{Control>}z{/Control}');
    await expect.poll(() => ed.row('panchayat-samiti').status).toBe('Not yet placed');
    await keys('{Control>}y{/Control}');
    await expect.poll(() => ed.row('panchayat-samiti').status).toBe('Unknown to the group');
    // every change reached the saver
    expect(ed.current().placements['panchayat-samiti']?.status).toBe('unknown');
    expect(ed.current().placements.bdo?.note).toBe('');
  });

  it('types exact values for a stakeholder that is not on the map yet', async () => {
    const ed = await renderEditor();
    await userEvent.click(ed.container.querySelector<HTMLElement>('tr[data-stakeholder-id="childline"]')!);
    const power = ed.container.querySelector<HTMLInputElement>('input[id$="-power"]')!;
    const interest = ed.container.querySelector<HTMLInputElement>('input[id$="-interest"]')!;
    await userEvent.fill(power, '7,5');
    await keys('{Enter}');
    expect(ed.row('childline').status).toBe('Not yet placed'); // waits for the second value
    await userEvent.fill(interest, '8.2');
    await keys('{Enter}');
    await expect.poll(() => ed.row('childline')).toMatchObject({ status: 'Placed', power: '7.5', interest: '8.2', zone: 'High power, high interest' });
    // an impossible value is refused and the recorded one comes back
    await userEvent.fill(power, '12');
    expect(power.getAttribute('aria-invalid')).toBe('true');
    await keys('{Enter}');
    expect(power.value).toBe('7.5');
    expect(ed.changes).toHaveLength(1);
  });
});

describe('contested placements', () => {
  it('adds a dashed minority chip that can be dragged and moved with the keys', async () => {
    const study = libraryStudy();
    const session = emptySession(study, { placements: { bdo: { status: 'placed', position: { power: 8, interest: 2 }, contested: false, alt: null, note: '' } } });
    const ed = await renderEditor({ study, session });
    await userEvent.click(ed.map(), { position: ed.pointFor({ power: 8, interest: 2 }) });
    expect(ed.row('bdo').selected).toBe(true);
    const contested = ed.container.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    await userEvent.click(contested);
    await expect.poll(() => ed.row('bdo').minority).toBe('2.0, 8.0');
    expect(ed.announcement()).toBe('BDO contested; minority position at low power, high interest: 2.0, 8.0');

    // the ghost chip is on the map where the minority put it: drag it
    await userEvent.dragAndDrop(ed.map(), ed.map(), { sourcePosition: ed.pointFor({ power: 2, interest: 8 }), targetPosition: ed.pointFor({ power: 3, interest: 6 }) });
    await expect.poll(() => ed.current().placements.bdo?.alt?.interest).toBeLessThan(7);
    const alt = ed.current().placements.bdo!.alt!;
    expect(near(String(alt.power), 3) && near(String(alt.interest), 6)).toBe(true);
    expect(ed.current().placements.bdo?.position).toEqual({ power: 8, interest: 2 });
    expect(ed.announcement()).toMatch(/^BDO minority position moved to low power, high interest/);

    // the dragged ghost is now selected: arrow keys move it, A switches to the agreed chip
    await keys('{ArrowUp}');
    await expect.poll(() => ed.current().placements.bdo?.alt?.power).toBe(Math.round((alt.power + 0.5) * 10) / 10);
    await keys('a{ArrowLeft}');
    await expect.poll(() => ed.current().placements.bdo?.position).toEqual({ power: 8, interest: 1.5 });

    // the minority values are editable in the side panel too
    const altPower = ed.container.querySelector<HTMLInputElement>('input[id$="-alt-power"]')!;
    await userEvent.fill(altPower, '1.0');
    await keys('{Enter}');
    await expect.poll(() => ed.row('bdo').minority).toMatch(/^1\.0, /);

    // agreeing again removes the ghost
    await userEvent.click(contested);
    await expect.poll(() => ed.row('bdo').minority).toBe('—');
    expect(ed.current().placements.bdo).toMatchObject({ contested: false, alt: null });
  });
});

describe('the lock', () => {
  it('a locked map shows a banner and refuses every change until unlocked with a confirmation', async () => {
    const ed = await renderEditor({ session: realisticSession(libraryStudy()) });
    await userEvent.click(ed.button(/Lock: signed off/));
    await expect.poll(() => ed.container.textContent).toContain('Locked: signed off by the group');
    expect(ed.current().locked).toBe(true);
    const changesAfterLock = ed.changes.length;

    // a click still selects (to read the reason), but nothing moves
    await userEvent.click(ed.map(), { position: ed.pointFor({ power: 9.3, interest: 0.8 }) });
    expect(ed.row('police').selected).toBe(true);
    await userEvent.dragAndDrop(ed.map(), ed.map(), { sourcePosition: ed.pointFor({ power: 9.3, interest: 0.8 }), targetPosition: ed.pointFor({ power: 2, interest: 2 }) });
    expect(ed.row('police')).toMatchObject({ power: '9.3', interest: '0.8' });
    ed.map().focus();
    await keys('{ArrowDown}u{Delete}');
    await userEvent.dragAndDrop(ed.trayChip('DLSA'), ed.map(), { targetPosition: ed.pointFor({ power: 5, interest: 5 }) });
    const note = ed.container.querySelector<HTMLTextAreaElement>('textarea[id$="-note"]')!;
    expect(note.readOnly).toBe(true);
    expect(ed.container.querySelector<HTMLTextAreaElement>('textarea[id$="-notes"]')!.readOnly).toBe(true);
    expect(ed.button('Unknown to the group').disabled).toBe(true);
    expect(ed.undoButton().disabled).toBe(true);
    await keys('{Control>}z{/Control}');
    expect(ed.changes).toHaveLength(changesAfterLock);
    expect(ed.row('police').status).toBe('Placed');
    expect(ed.row('dlsa').status).toBe('Not yet placed');

    await userEvent.click(ed.button(/Unlock…/));
    const dialog = document.querySelector('dialog[open]')!;
    expect(dialog.textContent).toContain('Unlock this map?');
    await userEvent.click([...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Unlock the map')!);
    await expect.poll(() => ed.current().locked).toBe(false);
    ed.map().focus();
    await keys('{ArrowDown}');
    await expect.poll(() => ed.row('police').power).toBe('8.8');
  });
});

describe('the table twin, the live region and the save indicator', () => {
  it('selecting a row selects the chip, and clicking a chip marks its row', async () => {
    const ed = await renderEditor({ session: realisticSession(libraryStudy()) });
    await userEvent.click(ed.container.querySelector<HTMLElement>('tr[data-stakeholder-id="childline"]')!);
    expect(ed.row('childline').selected).toBe(true);
    expect(ed.container.querySelector('.selection-panel h2')?.textContent).toContain('Childline 1098');
    await userEvent.click(ed.map(), { position: ed.pointFor({ power: 2.6, interest: 8.6 }) }); // ASHA
    expect(ed.row('asha').selected).toBe(true);
    expect(ed.row('childline').selected).toBe(false);
    // rows are one tab stop; arrow keys move between them and selection follows focus
    ed.container.querySelector<HTMLElement>('tr[data-stakeholder-id="asha"]')!.focus();
    await keys('{ArrowDown}');
    expect(document.activeElement?.getAttribute('data-stakeholder-id')).toBe('anganwadi');
    expect(ed.row('anganwadi').selected).toBe(true);
    expect(ed.container.querySelectorAll('tbody tr[tabindex="0"]')).toHaveLength(1);
  });

  it('shows Saving…, Saved and Not saved with a retry', async () => {
    const ed = await renderEditor({ saveStatus: { state: 'saving' } });
    const indicator = () => ed.container.querySelector('.save-indicator')!.textContent;
    expect(indicator()).toContain('Saving…');
    await ed.update({ saveStatus: { state: 'saved', savedAt: '2026-11-28T10:00:00.000Z' } });
    expect(indicator()).toContain('Saved');
    await ed.update({ saveStatus: { state: 'error', code: 'disk_full', reason: 'no space left on the device' } });
    expect(indicator()).toContain('Not saved: The disk is full: no space left on the device');
    await userEvent.click(ed.button('Retry'));
    expect(ed.retry).toHaveBeenCalledTimes(1);
  });

  it('a new resetKey loads the session given and forgets the history', async () => {
    const study = libraryStudy();
    const ed = await renderEditor({ study });
    await userEvent.click(ed.trayChip('Police'));
    await userEvent.click(ed.map(), { position: ed.pointFor({ power: 9, interest: 1 }) });
    await expect.poll(() => ed.undoButton().disabled).toBe(false);
    await ed.update({ session: realisticSession(study), resetKey: 'restored' });
    await expect.poll(() => ed.row('police').power).toBe('9.3');
    expect(ed.undoButton().disabled).toBe(true);
    expect(ed.row('vlcpc').status).toBe('Unknown to the group');
  });
});

describe('resize and zoom', () => {
  it('keeps every chip in its zone when the window changes size or the map is zoomed', async () => {
    const study = libraryStudy();
    const session = realisticSession(study);
    const ed = await renderEditor({ study, session });
    const placed = Object.entries(session.placements).filter(([, p]) => p.status === 'placed' && !p.contested);
    const check = async () => {
      for (const [id, p] of placed.slice(0, 6)) {
        await userEvent.click(ed.map(), { position: ed.pointFor(p.position!) });
        expect(ed.row(id).selected, id).toBe(true);
        expect(ed.row(id).zone).toBe(`${{ hp_hi: 'High power, high interest', hp_li: 'High power, low interest', lp_hi: 'Low power, high interest', lp_li: 'Low power, low interest' }[zoneOf(p.position!)]}`);
      }
    };
    await check();
    const before = ed.map().getAttribute('data-plot');
    await page.viewport(1000, 700);
    await expect.poll(() => ed.map().getAttribute('data-plot')).not.toBe(before);
    await check();
    await userEvent.click(ed.button('Zoom in'));
    await expect.poll(() => ed.button(/fit the map to the window$/).textContent).toMatch(/^125%/);
    await check();
    expect(ed.changes).toHaveLength(0);
  });
});

describe('touch, large text and other languages', () => {
  it('a finger taps to select and drags to move; the map does not scroll under it', async () => {
    const ed = await renderEditor({ session: realisticSession(libraryStudy()) });
    expect(getComputedStyle(ed.map()).touchAction).toBe('none');
    tap(ed.clientPointFor({ power: 7.9, interest: 8.3 })); // Childline
    await expect.poll(() => ed.row('childline').selected).toBe(true);
    await pointerDrag(ed.clientPointFor({ power: 7.9, interest: 8.3 }), ed.clientPointFor({ power: 3, interest: 8 }), { pointerType: 'touch' });
    await expect.poll(() => ed.row('childline').zone).toBe('Low power, high interest');
    expect(ed.changes).toHaveLength(1);
  });

  it('large-text mode makes the map wording bigger and keeps every position', async () => {
    const ed = await renderEditor({ session: realisticSession(libraryStudy()) });
    const left = () => Number(ed.map().getAttribute('data-plot')!.split(',')[0]);
    const normal = left();
    document.documentElement.classList.add('large-text');
    try {
      await expect.poll(left).toBeGreaterThan(normal * 1.2);
      await userEvent.click(ed.map(), { position: ed.pointFor({ power: 9.3, interest: 0.8 }) });
      expect(ed.row('police').selected).toBe(true);
    } finally {
      document.documentElement.classList.remove('large-text');
    }
  });

  it('the four zone names never run into each other, into the plot or off the stage, in normal or large text', async () => {
    const ed = await renderEditor({ session: realisticSession(libraryStudy()) });
    type Rect = { x: number; y: number; width: number; height: number };
    const toRect = (csv: string): Rect => {
      const [x, y, width, height] = csv.split(',').map(Number) as [number, number, number, number];
      return { x, y, width, height };
    };
    const labels = () =>
      Object.fromEntries(
        ed
          .map()
          .getAttribute('data-zone-labels')!
          .split(';')
          .map((entry) => entry.split(':') as [string, string])
          .map(([id, box]) => [id, toRect(box)]),
      );
    const meet = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const check = (when: string) => {
      const boxes = labels();
      const plot = toRect(ed.map().getAttribute('data-plot')!);
      const stage = ed.map().querySelector('canvas')!;
      expect(Object.keys(boxes).sort(), when).toEqual(['hp_hi', 'hp_li', 'lp_hi', 'lp_li']);
      for (const [id, box] of Object.entries(boxes)) {
        expect(meet(box, plot), `${when}: ${id} over the plot`).toBe(false);
        expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= stage.clientWidth && box.y + box.height <= stage.clientHeight, `${when}: ${id} on the stage`).toBe(true);
        for (const [other, otherBox] of Object.entries(boxes)) {
          if (other !== id) expect(meet(box, otherBox), `${when}: ${id} runs into ${other}`).toBe(false);
        }
      }
    };
    check('1366×768');
    const normalLabels = ed.map().getAttribute('data-zone-labels');
    document.documentElement.classList.add('large-text');
    try {
      await expect.poll(() => ed.map().getAttribute('data-zone-labels')).not.toBe(normalLabels);
      check('1366×768, large text');
      // The label text is still bigger than in normal text, not shrunk away.
      expect(labels()['hp_li']!.height).toBeGreaterThan(toRectHeight(normalLabels!, 'hp_li'));
      await page.viewport(1920, 1080);
      await expect.poll(() => ed.map().getAttribute('data-plot')).toMatch(/^\d/);
      await new Promise((r) => setTimeout(r, 100));
      check('1920×1080, large text');
    } finally {
      document.documentElement.classList.remove('large-text');
    }
    await new Promise((r) => setTimeout(r, 100));
    check('1920×1080');
  });

  it('shows Bengali labels in the tray, the table and the announcements', async () => {
    const base = libraryStudy();
    const study = { ...base, stakeholders: base.stakeholders.map((s) => (s.id === 'police' ? { ...s, labels: { bn: { name: 'স্থানীয় থানা', short: 'পুলিশ' } } } : s)) };
    const ed = await renderEditor({ study, language: 'bn' });
    expect(ed.trayChip('পুলিশ').textContent).toContain('স্থানীয় থানা');
    expect(ed.container.querySelector('tr[data-stakeholder-id="police"] th')?.textContent).toContain('স্থানীয় থানা');
    await userEvent.click(ed.trayChip('পুলিশ'));
    await userEvent.click(ed.map(), { position: ed.pointFor({ power: 9, interest: 1 }) });
    await expect.poll(() => ed.announcement()).toMatch(/^পুলিশ placed at high power, low interest/);
  });
});
