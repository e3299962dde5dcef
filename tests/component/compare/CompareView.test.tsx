import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import '../../../renderer/src/i18n';
import '../../../renderer/src/styles/tokens.css';
import '../../../renderer/src/styles/app.css';
import { CompareView } from '../../../renderer/src/compare/ComparePage';
import { resetColumnChoice } from '../../../renderer/src/compare/DivergenceTable';
import { clearAnalysisCache, holdAnalysisReplies, workerStats } from '../../../renderer/src/compare/useAnalysis';
import type { Position } from '../../../shared/model/position';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import { overTimeStudy, placedCount, realisticStudy } from './fixtures';

/**
 * The compare view in real Chromium on a realistic study (40 sessions, 20 stakeholders,
 * 4 cohorts), read the way a user reads it: the divergence table, the summary, the grid
 * (its pixels, tooltip and DOM twin), with the analysis running in the Web Worker.
 */

let mounted: { unmount(): void } | null = null;

async function show(data: { study: Study; sessions: Session[] }) {
  await page.viewport(1366, 900);
  // A fresh page state per test: CompareView remembers choices per study while the app runs.
  const study = { ...data.study, id: `${data.study.id}-${Math.random().toString(36).slice(2, 8)}` };
  const screen = await render(<CompareView study={study} sessions={data.sessions.map((s) => ({ ...s, studyId: study.id }))} />);
  mounted = screen;
  await expect.element(page.getByTestId('compare-status'), { timeout: 20_000 }).toHaveAttribute('data-state', 'ready');
  return { study, screen };
}

const table = () => document.querySelector<HTMLTableElement>('[data-testid="divergence-table"]')!;
const bodyRows = () => [...table().querySelectorAll<HTMLTableRowElement>('tbody tr')];
const rowOf = (id: string) => table().querySelector<HTMLTableRowElement>(`tbody tr[data-stakeholder="${id}"]`)!;
const rowNames = () => bodyRows().map((r) => r.querySelector('th')!.textContent!.trim());
const header = (name: string | RegExp) => page.getByRole('columnheader', { name });

beforeEach(() => {
  clearAnalysisCache();
  resetColumnChoice();
});
afterEach(() => {
  // A test that failed while holding the worker's replies must not hold them for the next.
  holdAnalysisReplies().release();
  mounted?.unmount();
  mounted = null;
});

describe('compare view on a realistic study', () => {
  it('computes in the worker, showing "Computing…" until the result arrives', async () => {
    await page.viewport(1366, 900);
    const before = workerStats.runs;
    const data = realisticStudy();
    const screen = await render(<CompareView study={{ ...data.study, id: 'computing-check' }} sessions={data.sessions.map((s) => ({ ...s, studyId: 'computing-check' }))} />);
    mounted = screen;
    // The first paint cannot have a result: the analysis is off the UI thread.
    expect(document.querySelector('[data-testid="compare-status"]')!.getAttribute('data-state')).toBe('computing');
    expect(document.querySelector('[data-testid="compare-status"]')!.textContent).toContain('Computing… (9,999 permutations per stakeholder)');
    await expect.element(page.getByTestId('compare-status'), { timeout: 20_000 }).toHaveAttribute('data-state', 'ready');
    expect(workerStats.runs).toBe(before + 1);
    await expect.element(page.getByTestId('compare-status')).toHaveTextContent('Analysed 40 sessions');
  });

  it('stays responsive while a long analysis runs, then shows the new permutations and seed', async () => {
    await show(realisticStudy());
    await userEvent.click(page.getByText('Analysis settings'));
    await userEvent.fill(page.getByRole('textbox', { name: 'Permutations' }), '99999');
    await userEvent.fill(page.getByRole('textbox', { name: 'Seed' }), '7');
    // The worker's reply is held until the test has acted, so "while it runs" does not depend
    // on how fast this machine is (a loaded machine once let a small job finish first).
    let gate = holdAnalysisReplies();
    await userEvent.click(page.getByRole('button', { name: 'Recompute' }));
    const status = page.getByTestId('compare-status');
    await expect.element(status).toHaveAttribute('data-state', 'computing');
    await expect.element(status).toHaveTextContent('Computing… (99,999 permutations per stakeholder)');
    // The page answers a click while the analysis is in progress (on the UI thread it could
    // not): the tab switches before the result arrives, and the previous result stays on screen.
    await userEvent.click(page.getByRole('tab', { name: 'Side by side' }));
    await expect.element(page.getByRole('tab', { name: 'Side by side' })).toHaveAttribute('aria-selected', 'true');
    expect(status.element().getAttribute('data-state')).toBe('computing');
    gate.release();
    await expect.element(status, { timeout: 90_000 }).toHaveAttribute('data-state', 'ready');
    await userEvent.click(page.getByRole('tab', { name: 'Overlay and divergence' }));
    await expect.element(page.getByTestId('compare-basis')).toHaveTextContent('(permutation test, 99,999 permutations, seed 7)');
    // The floor of a p-value is 1 / (B + 1), shown as it is rather than rounded to 0.
    expect(rowOf('police').querySelector('[data-col="p"]')!.textContent).toBe('0.00001');

    // A new selection: its marks are on the grid at once, before the statistics arrive.
    gate = holdAnalysisReplies();
    await userEvent.click(page.getByRole('checkbox', { name: /Financiers/ }));
    await expect.element(status).toHaveAttribute('data-state', 'computing');
    const legend = document.querySelector('#compare-legend')!;
    expect(legend.textContent).not.toContain('Financiers');
    expect(legend.textContent).toContain('Duty bearers 12 sessions');
    expect(document.querySelectorAll('[data-testid="compare-grid"] canvas')).toHaveLength(5);
    gate.release();
    await expect.element(status, { timeout: 90_000 }).toHaveTextContent('Analysed 36 sessions');
  });

  it('draws every session mark from the sessions before the analysis arrives, and keeps them when it does', async () => {
    await page.viewport(1366, 900);
    const data = realisticStudy();
    const placed = data.sessions.reduce((n, s) => n + Object.values(s.placements).filter((p) => p.status === 'placed' && p.position).length, 0);
    const gate = holdAnalysisReplies();
    const screen = await render(<CompareView study={{ ...data.study, id: 'first-draw-check' }} sessions={data.sessions.map((s) => ({ ...s, studyId: 'first-draw-check' }))} />);
    mounted = screen;
    const grid = () => document.querySelector<HTMLElement>('[data-testid="compare-grid"]')!;
    // The marks are on the grid while the statistics are still held back.
    await expect.poll(() => grid()?.dataset.marksDrawn).toBe(String(placed));
    expect(document.querySelector('[data-testid="compare-status"]')!.getAttribute('data-state')).toBe('computing');
    const drawnAt = grid().dataset.marksDrawnAt;
    gate.release();
    await expect.element(page.getByTestId('compare-status'), { timeout: 20_000 }).toHaveAttribute('data-state', 'ready');
    // The analysis's marks are the sessions' marks: the count never changed, so neither did its stamp.
    expect(grid().dataset.marksDrawn).toBe(String(placed));
    expect(grid().dataset.marksDrawnAt).toBe(drawnAt);
    // The plot is square (issue 14: it was 522×488 on a 600 px stage).
    const [, , w, h] = grid().dataset.plot!.split(',').map(Number);
    expect(w).toBe(h);
  });

  it('lists one row per stakeholder with n per cohort counted from the sessions', async () => {
    const data = realisticStudy();
    await show(data);
    expect(bodyRows()).toHaveLength(20);
    for (const id of ['police', 'gram-panchayat', 'vlcpc', 'asha']) {
      for (const cohort of ['survivors', 'social-workers', 'duty-bearers', 'financiers']) {
        const cell = rowOf(id).querySelector(`td[data-cohort="${cohort}"] .cohort-n`)!;
        expect(cell.firstChild!.textContent, `${id} / ${cohort}`).toBe(`n ${placedCount(data.sessions, cohort, id)}`);
      }
    }
    // The research's pattern: survivors put the police at high power, low interest; duty bearers at higher interest.
    const centroid = (cohort: string) => rowOf('police').querySelector(`td[data-cohort="${cohort}"] .cohort-centroid`)!.textContent!.split(', ').map(Number) as [number, number];
    expect(centroid('survivors')[0]).toBeGreaterThan(8.5);
    expect(centroid('survivors')[1]).toBeLessThan(2.5);
    expect(centroid('duty-bearers')[1]).toBeGreaterThan(4.5);
    // Tested rows show p and q; the column says p-values are exploratory.
    expect(rowOf('police').querySelector('[data-col="p"]')!.textContent).toBe('0.0001');
    await expect.element(header(/^p\s*exploratory/)).toBeVisible();
    expect(rowOf('police').textContent).toContain('Yes');
  });

  it('words the summary from the analysis, with n per cohort and the permutations and seed', async () => {
    await show(realisticStudy());
    const findings = page.getByTestId('compare-findings');
    await expect.element(findings).toHaveTextContent(/Cohorts disagree most about: .*Panchayat.*Police/);
    // Every finding names the sessions and cohorts it rests on.
    await expect.element(findings).toHaveTextContent(/Cohorts disagree most about: .*Panchayat \(\d+ sessions, 4 cohorts\).*Police \(\d+ sessions, 4 cohorts\)/);
    await expect.element(findings).toHaveTextContent(/All cohorts agree: .*ASHA \(\d+% of \d+ sessions in 4 cohorts\).* low power, high interest/);
    await expect.element(findings).toHaveTextContent(/Survivors did not know: .*VLCPC/);
    await expect.element(page.getByTestId('compare-basis')).toHaveTextContent(
      'Based on 40 sessions, not individuals: Survivors n = 12, Frontline social workers n = 12, Duty bearers n = 12, and Financiers n = 4. p-values are exploratory (permutation test, 9,999 permutations, seed 1).',
    );
    await expect.element(page.getByTestId('honest-note')).toHaveTextContent('9,999 permutations and seed 1');
  });

  it('sorts by any column with buttons in the headers and aria-sort', async () => {
    const data = realisticStudy();
    await show(data);
    // Default: most between-cohort variance first.
    const variance = () => bodyRows().map((r) => Number(r.querySelectorAll('td.num')[1]!.textContent));
    await expect.element(header(/Between-cohort variance/)).toHaveAttribute('aria-sort', 'descending');
    expect(variance()).toEqual([...variance()].sort((a, b) => b - a));

    await userEvent.click(header(/^Stakeholder/).getByRole('button'));
    await expect.element(header(/^Stakeholder/)).toHaveAttribute('aria-sort', 'ascending');
    expect(header(/Between-cohort variance/).element().hasAttribute('aria-sort')).toBe(false);
    const names = rowNames();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    await userEvent.click(header(/^Stakeholder/).getByRole('button'));
    await expect.element(header(/^Stakeholder/)).toHaveAttribute('aria-sort', 'descending');
    expect(rowNames()).toEqual([...names].reverse());

    // Unknown counts, largest first: the stakeholders survivors did not know come to the top.
    await userEvent.click(header(/^Unknown/).getByRole('button'));
    const unknown = bodyRows().map((r) => Number(r.querySelector('td:last-child')!.textContent));
    expect(unknown).toEqual([...unknown].sort((a, b) => b - a));
    expect(unknown[0]).toBeGreaterThan(0);
  });

  it('shows why a stakeholder is not tested, and no p-value, when fewer than two cohorts have 3 sessions', async () => {
    await show(realisticStudy());
    // Keep only survivors and financiers, and only two financier sessions.
    await userEvent.click(page.getByRole('checkbox', { name: /Frontline social workers/ }));
    await userEvent.click(page.getByRole('checkbox', { name: /Duty bearers/ }));
    await userEvent.click(page.getByText('Sessions', { exact: true }));
    await userEvent.click(page.getByRole('checkbox', { name: 'FIN-INT-01' }));
    await userEvent.click(page.getByRole('checkbox', { name: 'FIN-INT-02' }));
    await expect.element(page.getByTestId('compare-status'), { timeout: 20_000 }).toHaveTextContent('Analysed 14 sessions');
    const police = rowOf('police');
    expect(police.querySelector('[data-col="p"]')).toBeNull();
    expect(police.querySelector('[data-col="q"]')).toBeNull();
    expect(police.querySelector('[data-col="reason"]')!.textContent).toBe('Not tested: fewer than two cohorts with 3 or more sessions placing it');
    // Two financier sessions: shown, flagged as too few to read the centroid with confidence.
    const financiers = police.querySelector('td[data-cohort="financiers"] .cohort-n')!;
    expect(financiers.textContent).toBe('n 2 (fewer than 3 sessions: a centroid to read with care)');
    expect(financiers.classList.contains('cohort-n-low')).toBe(true);
    expect(police.querySelector('td[data-cohort="survivors"] .cohort-n')!.classList.contains('cohort-n-low')).toBe(false);
    await expect.element(page.getByTestId('compare-findings')).toHaveTextContent('Nothing could be tested');
    // With no test run, the summary does not claim exploratory p-values were computed.
    await expect.element(page.getByTestId('compare-basis')).toHaveTextContent('No test was run (9,999 permutations, seed 1).');
  });

  it('focusing a stakeholder dims the others on the grid and lists every session point in the DOM twin', async () => {
    const data = realisticStudy();
    await show(data);
    const grid = document.querySelector<HTMLElement>('[data-testid="compare-grid"]')!;
    const layers = () => [...grid.querySelectorAll('canvas')];
    // Layers: background, every stakeholder (base), the focused one, labels, the pointer ring.
    const ink = (canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let sum = 0;
      for (let i = 3; i < data.length; i += 4) sum += data[i]!;
      return sum;
    };
    // The grid appears once the bundled fonts are ready; Konva draws on the next frame.
    await expect.poll(() => layers().length).toBe(5);
    await expect.poll(() => ink(layers()[1]!)).toBeGreaterThan(0);
    // Measure the base layer only once the analysis has arrived and its centroids and lines
    // are drawn: measured on the provisional marks alone (a loaded machine, a slow worker),
    // the "before" was too small for the dimmed result to be half of it.
    await expect.element(page.getByTestId('compare-status')).toHaveAttribute('data-state', 'ready');
    let last = -1;
    await expect.poll(() => {
      const now = ink(layers()[1]!);
      const settled = now === last;
      last = now;
      return settled;
    }).toBe(true);
    const baseBefore = ink(layers()[1]!);
    expect(ink(layers()[2]!)).toBe(0);

    await userEvent.click(rowOf('police').querySelector('th button')!);
    await expect.element(page.getByTestId('points-twin')).toHaveAttribute('data-stakeholder', 'police');
    expect(grid.getAttribute('data-focus')).toBe('police');
    expect(rowOf('police').querySelector('th button')!.getAttribute('aria-pressed')).toBe('true');
    // Everything else is drawn much fainter; the focused stakeholder is drawn on its own layer.
    await expect.poll(() => ink(layers()[1]!)).toBeLessThan(baseBefore * 0.5);
    expect(ink(layers()[2]!)).toBeGreaterThan(0);

    // The twin: one row per session that placed the police, with its cohort, values and zone.
    const placed = data.sessions.filter((s) => s.placements.police?.status === 'placed');
    const twinRows = [...document.querySelectorAll('[data-testid="points-twin"] tbody tr[data-session]')];
    expect(twinRows).toHaveLength(placed.length);
    const first = placed.find((s) => s.code === 'SUR-FGD-01')!;
    const row = document.querySelector(`[data-testid="points-twin"] tr[data-session="${first.id}"]`)!;
    const p = first.placements.police!.position!;
    expect(row.textContent).toContain('SUR-FGD-01');
    expect(row.textContent).toContain('Survivors');
    expect(row.textContent).toContain(`${p.power.toFixed(1)}${p.interest.toFixed(1)}`);
    expect(row.textContent).toContain(p.power >= 5 && p.interest < 5 ? 'High P, low I' : '');
    await expect.element(page.getByRole('combobox', { name: 'Focus' })).toHaveValue('police');

    // Show all again from the select.
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Focus' }), '');
    await expect.element(page.getByTestId('points-twin')).not.toBeInTheDocument();
    expect(grid.getAttribute('data-focus')).toBe('');
  });

  it('names the session of a mark on hover, and steps through marks with the keyboard', async () => {
    const data = realisticStudy();
    await show(data);
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Focus' }), 'asha');
    const grid = page.getByTestId('compare-grid');
    await expect.element(grid).toHaveAttribute('data-focus', 'asha');
    const [left, top, width, height] = grid.element().getAttribute('data-plot')!.split(',').map(Number) as [number, number, number, number];
    const at = (p: Position) => ({ x: left + (p.interest / 10) * width, y: top + (1 - p.power / 10) * height });
    // A survivors' session whose mark is not under another ASHA mark.
    const asha = data.sessions.filter((s) => s.placements.asha?.status === 'placed');
    const lone = asha.find((s) => asha.every((o) => o === s || Math.hypot(o.placements.asha!.position!.power - s.placements.asha!.position!.power, o.placements.asha!.position!.interest - s.placements.asha!.position!.interest) > 0.5))!;
    await userEvent.hover(grid, { position: at(lone.placements.asha!.position!) });
    await expect.element(page.getByTestId('compare-tooltip')).toHaveTextContent(new RegExp(`^${lone.code} \\(`));

    // Keyboard: Right steps to the first ASHA session, names it and points at its twin row.
    await userEvent.unhover(grid);
    grid.element().focus();
    await userEvent.keyboard('{ArrowRight}');
    const announcer = page.getByTestId('compare-announcer');
    await expect.element(announcer).toHaveTextContent(/^[A-Z]+-[A-Z]+-\d+ \(.*\): ASHA at power/);
    const code = announcer.element().textContent!.split(' ')[0]!;
    const pointed = document.querySelector('[data-testid="points-twin"] tr.row-pointed')!;
    expect(pointed.textContent).toContain(code);
    await expect.element(page.getByTestId('compare-tooltip')).toHaveTextContent(code);
    // Down focuses the next stakeholder in the list; Escape twice shows all again.
    await userEvent.keyboard('{ArrowDown}');
    await expect.element(grid).not.toHaveAttribute('data-focus', 'asha');
    await userEvent.keyboard('{Escape}');
    await expect.element(grid).toHaveAttribute('data-focus', '');
  });

  it('zooms around the pointer with the wheel and keys, pans by dragging, and still names the mark under the pointer', async () => {
    const data = realisticStudy();
    await show(data);
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Focus' }), 'asha');
    const grid = page.getByTestId('compare-grid');
    const el = grid.element() as HTMLElement;
    const [left, top, width, height] = el.getAttribute('data-plot')!.split(',').map(Number) as [number, number, number, number];
    const viewOf = () => el.getAttribute('data-view')!.split(',').map(Number) as [number, number, number];
    const at = (p: Position) => {
      const [i0, p0, span] = viewOf();
      return { x: left + ((p.interest - i0) / span) * width, y: top + (1 - (p.power - p0) / span) * height };
    };
    const asha = data.sessions.filter((s) => s.placements.asha?.status === 'placed');
    const target = asha.find((s) => asha.every((o) => o === s || Math.hypot(o.placements.asha!.position!.power - s.placements.asha!.position!.power, o.placements.asha!.position!.interest - s.placements.asha!.position!.interest) > 0.3))!;
    const where = target.placements.asha!.position!;

    // Three wheel notches over the target: it stays under the pointer while the grid zooms.
    const canvas = el.querySelector('.konvajs-content')!.getBoundingClientRect();
    const before = at(where);
    for (let i = 0; i < 3; i++) el.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, clientX: canvas.left + before.x, clientY: canvas.top + before.y, bubbles: true, cancelable: true }));
    await expect.element(grid).toHaveAttribute('data-zoom', '195');
    const after = at(where);
    expect(Math.abs(after.x - before.x)).toBeLessThan(1);
    expect(Math.abs(after.y - before.y)).toBeLessThan(1);
    await userEvent.hover(grid, { position: after });
    await expect.element(page.getByTestId('compare-tooltip')).toHaveTextContent(new RegExp(`^${target.code} \\(`));

    // A drag moves the zoomed grid and does not change the focus.
    const start = at(where);
    await userEvent.dragAndDrop(grid, grid, { sourcePosition: { x: left + width / 2, y: top + height / 2 }, targetPosition: { x: left + width / 2 - 60, y: top + height / 2 + 40 } });
    await expect.poll(() => Math.round(at(where).x - start.x)).toBe(-60);
    expect(Math.round(at(where).y - start.y)).toBe(40);
    expect(el.getAttribute('data-focus')).toBe('asha');

    // Keys and buttons: 0 shows the whole grid, + zooms in, the button goes back.
    el.focus();
    await userEvent.keyboard('0');
    await expect.element(grid).toHaveAttribute('data-zoom', '100');
    await userEvent.keyboard('+');
    await expect.element(grid).toHaveAttribute('data-zoom', '125');
    await userEvent.click(page.getByRole('button', { name: 'Whole grid' }));
    await expect.element(grid).toHaveAttribute('data-view', '0,0,10');
    await expect.element(page.getByRole('button', { name: 'Zoom out' })).toBeDisabled();
  });

  it('caches results per selection: going back to a selection does not run the worker again', async () => {
    await show(realisticStudy());
    const runs = workerStats.runs;
    const financiers = page.getByRole('checkbox', { name: /Financiers/ });
    await userEvent.click(financiers);
    await expect.element(page.getByTestId('compare-status'), { timeout: 20_000 }).toHaveTextContent('Analysed 36 sessions');
    expect(workerStats.runs).toBe(runs + 1);
    expect(table().querySelector('td[data-cohort="financiers"]')).toBeNull();
    await userEvent.click(financiers);
    await expect.element(page.getByTestId('compare-status')).toHaveTextContent('Analysed 40 sessions');
    expect(workerStats.runs).toBe(runs + 1);
  });

  it('shows each selected session as a small map, grouped by cohort', async () => {
    const data = realisticStudy();
    await show(data);
    await userEvent.click(page.getByRole('tab', { name: 'Side by side' }));
    await expect.element(page.getByRole('tab', { name: 'Side by side' })).toHaveAttribute('aria-selected', 'true');
    const maps = page.getByTestId('side-by-side').getByRole('img');
    expect(maps.elements()).toHaveLength(40);
    await expect.element(page.getByRole('heading', { name: /^Survivors/ })).toHaveTextContent('12 sessions');
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Focus' }), 'police');
    const s1 = data.sessions.find((s) => s.code === 'SUR-FGD-01')!;
    const p = s1.placements.police!.position!;
    await expect.element(page.getByRole('img', { name: `Map of SUR-FGD-01: ${Object.values(s1.placements).filter((x) => x.status === 'placed').length} stakeholders placed. Police: ${p.power.toFixed(1)}, ${p.interest.toFixed(1)}` })).toBeVisible();
  });

  it('pairs sessions across rounds and counts zone transitions per cohort', async () => {
    const data = overTimeStudy();
    await show(data);
    await userEvent.click(page.getByRole('tab', { name: 'Over time' }));
    await expect.element(page.getByTestId('over-time')).toHaveTextContent('12 groups were mapped in both Baseline and Endline');
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Focus' }), 'police');
    // Survivors' police transitions, counted from the data: pairs of the same code in both rounds.
    const zone = (p: Position) => (p.power >= 5 ? (p.interest >= 5 ? 'HP·HI' : 'HP·LI') : p.interest >= 5 ? 'LP·HI' : 'LP·LI');
    const expected = new Map<string, number>();
    for (const base of data.sessions.filter((s) => s.cohortId === 'survivors' && s.roundId === 'baseline')) {
      const end = data.sessions.find((s) => s.roundId === 'endline' && s.code === base.code);
      const a = base.placements.police;
      const b = end?.placements.police;
      if (a?.status !== 'placed' || b?.status !== 'placed') continue;
      const key = `${zone(a.position!)}>${zone(b.position!)}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(expected.size).toBeGreaterThan(0);
    const block = document.querySelector('[data-testid="over-time"] .transition-block[data-cohort="survivors"] table')!;
    const cols = [...block.querySelectorAll('thead th')].slice(1).map((th) => th.querySelector('[aria-hidden]')!.textContent);
    for (const tr of block.querySelectorAll('tbody tr')) {
      const from = tr.querySelector('th [aria-hidden]')!.textContent;
      [...tr.querySelectorAll('td')].forEach((td, i) => expect(Number(td.textContent), `${from}>${cols[i]}`).toBe(expected.get(`${from}>${cols[i]}`) ?? 0));
    }
    await expect.element(page.getByTestId('shifts-table').getByRole('row', { name: /^Police/ })).toHaveTextContent(/\+1\.\d/);
  });
});

describe('compare view: numbers that never overclaim', () => {
  it('starts with the latest round when groups were mapped twice, says why, and runs no test once both rounds are ticked', async () => {
    const data = overTimeStudy();
    await show(data);
    const endline = data.sessions.filter((s) => s.roundId === 'endline').length;
    await expect.element(page.getByTestId('compare-status')).toHaveTextContent(`Analysed ${endline} session`);
    await expect.element(page.getByTestId('compare-one-round')).toHaveTextContent('Only the Endline round is compared, so that no group counts twice.');
    // Tick Baseline too: the same codes are now in two rounds, so nothing is tested, and the summary says so.
    await userEvent.click(page.getByRole('checkbox', { name: /^Baseline/ }));
    await expect.element(page.getByTestId('compare-status'), { timeout: 20_000 }).toHaveTextContent(`Analysed ${data.sessions.length} sessions`);
    await expect.element(page.getByTestId('compare-findings')).toHaveTextContent('No test was run: the same groups');
    await expect.element(page.getByTestId('compare-findings')).not.toHaveTextContent('disagree');
    expect(document.querySelectorAll('[data-col="p"]')).toHaveLength(0);
    expect(rowOf('police').querySelector('[data-col="reason"]')!.textContent).toBe('Not tested: the same group is counted in several rounds; choose one round');
  });

  it('complete agreement is never called divergence, and one cohort is never "all cohorts agree"', async () => {
    const data = realisticStudy();
    // Every session puts the police at exactly (0.1, 1.1): the cohorts agree completely.
    const sessions = data.sessions.map((s) => ({ ...s, placements: { ...s.placements, police: { status: 'placed' as const, position: { power: 0.1, interest: 1.1 }, contested: false, alt: null, note: '' } } }));
    await show({ study: data.study, sessions });
    expect(rowOf('police').querySelector('[data-col="reason"]')!.textContent).toBe('Not tested: every session put it in the same spot, so there is nothing to test');
    const findings = page.getByTestId('compare-findings');
    await expect.element(findings).toHaveTextContent(/All cohorts agree: .*Police \(100% of 40 sessions in 4 cohorts\)/);
    await expect.element(findings).not.toHaveTextContent(/disagree most about: [^.]*Police/);
    // Only survivors' sessions: one cohort, however unanimous, is no consensus.
    mounted?.unmount();
    await show({ study: data.study, sessions: sessions.filter((s) => s.cohortId === 'survivors') });
    await expect.element(page.getByTestId('compare-findings')).not.toHaveTextContent('All cohorts agree');
  });
});

describe('compare view: numbers that fit, a grid that reads', () => {
  const headers = () => [...table().querySelectorAll('thead th')].map((th) => th.getAttribute('data-column'));

  it('shows the main columns without sideways scrolling, and lets the user choose columns, remembered for the session', async () => {
    await show(realisticStudy());
    const scroll = document.querySelector<HTMLElement>('[data-testid="divergence-scroll"]')!;
    expect(table().scrollWidth).toBeLessThanOrEqual(scroll.clientWidth);
    expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.clientWidth);
    // The spread test is one click away; n, centroid, zone, agreement, q, divergent and unknown show.
    expect(headers()).toEqual(['stakeholder', 'cohort', 'cohort', 'cohort', 'cohort', 'zone', 'agreement', 'betweenVariance', 'p', 'q', 'zoneConsensus', 'divergent', 'unknown']);
    expect(rowOf('police').querySelector('[data-col="spread"]')).toBeNull();

    const chooser = page.getByTestId('column-chooser');
    await userEvent.click(chooser.getByText('Columns (8 of 9)'));
    const group = page.getByRole('group', { name: 'Columns shown' });
    await expect.element(group).toBeVisible();
    await userEvent.click(group.getByRole('checkbox', { name: 'Spread p' }));
    await userEvent.click(group.getByRole('checkbox', { name: 'p (exploratory)' }));
    await expect.element(group.getByRole('checkbox', { name: 'Spread p' })).toBeChecked();
    await expect.element(group.getByRole('checkbox', { name: 'p (exploratory)' })).not.toBeChecked();
    expect(headers()).toContain('spread');
    expect(headers()).not.toContain('p');
    expect(rowOf('police').querySelector('[data-col="spread"]')).not.toBeNull();
    expect(rowOf('police').querySelector('[data-col="p"]')).toBeNull();
    // q says it is exploratory when p is hidden.
    await expect.element(header(/^q/)).toHaveTextContent('exploratory');

    // Another visit to the compare view in the same session keeps the choice.
    mounted?.unmount();
    await show(realisticStudy());
    expect(headers()).toContain('spread');
    expect(headers()).not.toContain('p');
    await expect.element(page.getByText('Columns (8 of 9)')).toBeVisible();
    // And the defaults come back on request.
    await userEvent.click(page.getByText('Columns (8 of 9)'));
    await userEvent.click(page.getByRole('button', { name: 'Default columns' }));
    expect(headers()).toContain('p');
    expect(headers()).not.toContain('spread');
  });

  it('without a test column a not-tested row spans nothing, and a hidden column is gone from every row', async () => {
    await show(realisticStudy());
    await userEvent.click(page.getByText('Columns (8 of 9)'));
    const group = page.getByRole('group', { name: 'Columns shown' });
    for (const name of ['p (exploratory)', 'q (p adjusted for many tests)', 'Unknown']) await userEvent.click(group.getByRole('checkbox', { name }));
    const cells = bodyRows().map((r) => r.children.length);
    expect(new Set(cells).size).toBe(1);
    expect(cells[0]).toBe(headers().length);
  });

  it('stacks every cohort\'s n and centroid in one cell when there are many cohorts', async () => {
    const data = realisticStudy();
    const base = data.study.cohorts[0]!;
    const extra = ['e1', 'e2'].map((id, i) => ({ ...base, id, name: `Extra ${i + 1}` }));
    const study = { ...data.study, cohorts: [...data.study.cohorts, ...extra] };
    const sessions = data.sessions.map((s, i) => (i % 10 === 0 ? { ...s, cohortId: 'e1' } : i % 10 === 1 ? { ...s, cohortId: 'e2' } : s));
    await show({ study, sessions });
    expect(headers().filter((h) => h === 'cohort')).toHaveLength(0);
    expect(headers()).toContain('cohorts');
    const cell = rowOf('police').querySelector('td.col-cohorts')!;
    expect(cell.querySelectorAll('li[data-cohort]')).toHaveLength(6);
    const scroll = document.querySelector<HTMLElement>('[data-testid="divergence-scroll"]')!;
    expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.clientWidth);
  });

  it('stacks the cohorts when the table would otherwise scroll sideways, and spreads them again when there is room', async () => {
    await show(realisticStudy());
    const scroll = document.querySelector<HTMLElement>('[data-testid="divergence-scroll"]')!;
    expect(scroll.getAttribute('data-stacked')).toBe('false');
    await page.viewport(1080, 900);
    await expect.poll(() => scroll.getAttribute('data-stacked')).toBe('true');
    expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.clientWidth);
    expect(headers()).toContain('cohorts');
    await page.viewport(1366, 900);
    await expect.poll(() => scroll.getAttribute('data-stacked')).toBe('false');
    expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.clientWidth);
  });

  it('with every stakeholder shown, labels only the centroids, one per stakeholder, none covering another', async () => {
    const data = realisticStudy();
    await show(data);
    const grid = document.querySelector<HTMLElement>('[data-testid="compare-grid"]')!;
    // The labels follow the analysis (centroids); wait for them.
    await expect.poll(() => (grid.getAttribute('data-labels') ?? '').split(' ').filter(Boolean).length).toBe(bodyRows().length);
    const parse = (attr: string) => (grid.getAttribute(attr) ?? '').split(' ').filter(Boolean).map((t) => t.split(',').map(Number));
    const boxes = parse('data-labels').map(([x, y, width, height]) => ({ x: x!, y: y!, width: width!, height: height! }));
    const anchors = parse('data-label-anchors');
    const marks = data.sessions.reduce((n, s) => n + Object.values(s.placements).filter((p) => p.status === 'placed').length, 0);
    expect(boxes.length).toBeLessThan(marks);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        // Rounded to whole pixels: touching is fine, overlapping by more than a pixel is not.
        const overlap = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 1;
        expect(overlap, `labels ${i} and ${j}`).toBe(false);
      }
    // Inside the plot.
    const [left, top, width, height] = grid.getAttribute('data-plot')!.split(',').map(Number) as [number, number, number, number];
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(left - 1);
      expect(b.y).toBeGreaterThanOrEqual(top - 1);
      expect(b.x + b.width).toBeLessThanOrEqual(left + width + 1);
      expect(b.y + b.height).toBeLessThanOrEqual(top + height + 1);
    }
    // Every anchor is a centroid: the stakeholder's first cohort's mean, from the table.
    const firstCohort = data.study.cohorts[0]!.id;
    const centroids = bodyRows().map((r) => r.querySelector(`td[data-cohort="${firstCohort}"] .cohort-centroid`)!.textContent!);
    expect(anchors).toHaveLength(centroids.length);
    // A focused stakeholder gets its cohorts' labels instead.
    await userEvent.click(rowOf('police').querySelector('th button')!);
    await expect.poll(() => (grid.getAttribute('data-labels') ?? '').split(' ').filter(Boolean).length).toBe(data.study.cohorts.length);
  });
});
