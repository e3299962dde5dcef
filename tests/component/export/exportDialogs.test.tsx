import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { buildBundle, serializeBundle } from '../../../shared/export/studyFile';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import { deliverFile } from '../../../renderer/src/export/deliverFile';
import { makeSession, makeStudy } from '../app/fakeHost';
import { startApp } from '../app/setup';
import { ExportFakeHost } from './exportHost';

/**
 * The export and merge dialogs in real Chromium, on the fake desktop host: what the
 * user sees (formats, notes left out by default in every format, what the file will hold, the
 * progress), what is sent to the host, and how the file is delivered.
 */
let host: ExportFakeHost;
let study: Study;
const placed = (power: number, interest: number, note = '') => ({ status: 'placed' as const, position: { power, interest }, contested: false, alt: null, note });

beforeEach(async () => {
  await page.viewport(1366, 768);
  host = new ExportFakeHost();
  study = makeStudy('study-a', 'Nadia baseline', 6);
  host.addStudy(study, [
    makeSession(study, 's1', 'FGD 1', {
      notes: 'The group met at the school.',
      placements: { bdo: placed(8, 2, '"He never comes to the village."'), police: placed(9, 1.5), ahtu: placed(7, 4) },
    }),
    makeSession(study, 's2', 'FGD 1', { roundId: 'endline', placements: { bdo: placed(6, 5) } }),
    makeSession(study, 's3', 'DB-1', { kind: 'interview', cohortId: 'duty-bearers', placements: { police: placed(5, 5) } }),
  ]);
});

const notesBox = (dialog: ReturnType<typeof page.getByRole>) => dialog.getByRole('checkbox', { name: 'Include notes, place and facilitator' });

describe('export dialog', () => {
  test('session map: every picture format leaves notes out by default; the choice travels to the host and the save dialog', async () => {
    await startApp(host, '#/study/study-a/session/s1');
    const opener = page.getByRole('button', { name: 'Export map…' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Export the map of FGD 1' });
    await expect.element(dialog.getByTestId('export-included')).toHaveTextContent('Nadia baseline');
    await expect.element(dialog.getByTestId('export-included')).toHaveTextContent('FGD 1 · Survivors · Baseline');

    // The first format has focus; arrow keys move through the formats, as radio buttons do.
    await expect.element(dialog.getByRole('radio', { name: /^SVG/ })).toHaveFocus();
    for (const name of ['SVG', 'PNG, 2×', 'PNG, 4×', 'PDF']) {
      const radio = dialog.getByRole('radio', { name: new RegExp(`^${name.replace(/[,×]/g, (c) => `\\${c}`)}`) });
      await radio.click();
      await expect.element(radio).toBeChecked();
      await expect.element(notesBox(dialog)).not.toBeChecked();
    }
    await expect.element(dialog.getByTestId('export-notes')).toHaveTextContent('2 notes left out');
    await expect.element(dialog.getByTestId('export-contents')).toHaveTextContent(
      'Included: positions, statuses, and contested positions. Left out: session notes, notes and quotes on placements, place, and facilitator.',
    );

    await dialog.getByRole('radio', { name: /^PNG, 4×/ }).click();
    await notesBox(dialog).click();
    await expect.element(dialog.getByTestId('export-notes')).toHaveTextContent('2 notes included');
    await expect.element(dialog.getByTestId('export-contents')).toHaveTextContent(
      'Included: positions, statuses, contested positions, session notes, and notes and quotes on placements. Left out: place and facilitator.',
    );
    await dialog.getByRole('button', { name: 'Export' }).click();

    await expect.element(page.getByText('Saved FGD 1.png to /home/facilitator/Documents/export.')).toBeVisible();
    await expect.element(dialog).not.toBeInTheDocument();
    expect(host.payloadsOf('exportSession')).toEqual([{ studyId: 'study-a', sessionId: 's1', format: 'png4x', redact: false, language: 'en' }]);
    expect(host.payloadsOf('saveExport')).toEqual([expect.objectContaining({ fileName: 'FGD 1.png', base64: btoa('png4x redact=false') })]);
    // Focus is back on the button that opened the dialog.
    await expect.element(opener).toHaveFocus();
  });

  test('study: CSV, study file and report all leave notes, place and facilitator out unless ticked; each format keeps its own choice', async () => {
    await startApp(host, '#/study/study-a');
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export Nadia baseline' });
    const csv = dialog.getByRole('radio', { name: /^CSV for Excel or R/ });
    const bundle = dialog.getByRole('radio', { name: /^Study file/ });
    const report = dialog.getByRole('radio', { name: /^Printable report/ });
    const contents = dialog.getByTestId('export-contents');
    await expect.element(csv).toBeChecked();
    await expect.element(notesBox(dialog)).not.toBeChecked();
    await expect.element(dialog.getByTestId('export-notes')).toHaveTextContent('2 notes left out');
    await expect.element(contents).toHaveTextContent('Left out: session notes, notes and quotes on placements, place, and facilitator.');
    await bundle.click();
    await expect.element(notesBox(dialog)).not.toBeChecked();
    await expect.element(contents).toHaveTextContent(
      'Included: positions, statuses, contested positions, and session details (date, kind, participants, consent). Left out: session notes, notes and quotes on placements, place, and facilitator.',
    );
    await report.click();
    await expect.element(notesBox(dialog)).not.toBeChecked();
    await expect.element(dialog.getByTestId('export-notes')).toHaveTextContent('2 notes left out');
    // Ticking it for CSV does not change the report's choice, and is remembered.
    await csv.click();
    await notesBox(dialog).click();
    await expect.element(dialog.getByTestId('export-notes')).toHaveTextContent('2 notes included');
    // A CSV has no column for session notes, place or facilitator: the tick adds placement notes only.
    await expect.element(contents).toHaveTextContent('Included: positions, statuses, contested positions, and notes and quotes on placements. Left out: session notes, place, and facilitator.');
    await report.click();
    await expect.element(notesBox(dialog)).not.toBeChecked();
    await csv.click();
    await expect.element(notesBox(dialog)).toBeChecked();
    await bundle.click();
    await notesBox(dialog).click();
    await expect.element(contents).toHaveTextContent(
      'Included: positions, statuses, contested positions, session details (date, kind, participants, consent), session notes, notes and quotes on placements, place, and facilitator.',
    );
    await expect.element(contents).not.toHaveTextContent('Left out');

    // What the file holds: three sessions in two cohorts; then only the chosen ones.
    await expect.element(dialog.getByTestId('export-included')).toHaveTextContent('Survivors (2) and Duty bearers (1)');
    await bundle.click();
    await dialog.getByRole('radio', { name: 'Only the sessions I choose' }).click();
    const picker = dialog.getByRole('group', { name: 'Sessions to include' });
    await picker.getByRole('checkbox', { name: /DB-1/ }).click();
    await expect.element(dialog.getByTestId('export-session-count')).toHaveTextContent('2 of 3');
    await dialog.getByRole('button', { name: 'Select none' }).click();
    await expect.element(dialog.getByRole('button', { name: 'Export' })).toBeDisabled();
    await expect.element(dialog.getByTestId('export-status')).toHaveTextContent('Choose at least one session.');
    await picker.getByRole('checkbox', { name: /FGD 1 · Baseline/ }).click();
    await picker.getByRole('checkbox', { name: /FGD 1 · Endline/ }).click();
    await dialog.getByRole('button', { name: 'Export' }).click();

    await expect.element(dialog).not.toBeInTheDocument();
    expect(host.payloadsOf('exportStudy')).toEqual([{ studyId: 'study-a', format: 'bundle', redact: false, language: 'en', sessionIds: ['s1', 's2'] }]);
    expect(host.payloadsOf('saveExport')[0]).toMatchObject({ fileName: 'Nadia baseline.pimap.json' });
  });

  test('a report shows a calm progress state; closing the save dialog keeps the export open', async () => {
    host.saveAnswer = { saved: false, path: null };
    await startApp(host, '#/study/study-a');
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export Nadia baseline' });
    await dialog.getByRole('radio', { name: /^Printable report/ }).click();
    const release = host.holdExport('exportStudy');
    await dialog.getByRole('button', { name: 'Export' }).click();
    const status = dialog.getByTestId('export-status');
    await expect.element(status).toHaveTextContent('Preparing the report…');
    await expect.element(status).toHaveTextContent('this takes a few seconds');
    await expect.element(dialog.getByRole('button', { name: 'Export' })).toBeDisabled();
    await expect.element(dialog.getByRole('radio', { name: /^CSV/ })).toBeDisabled();
    release();
    await expect.element(status).toHaveTextContent('Not saved: no place was chosen.');
    await expect.element(dialog.getByRole('button', { name: 'Export' })).toBeEnabled();
    expect(host.payloadsOf('exportStudy')).toEqual([{ studyId: 'study-a', format: 'report-pdf', redact: true, language: 'en' }]);
  });

  test('a failed export says why and lets the user try again', async () => {
    const { HostError } = await import('../../../shared/contract/hostContract');
    host.failing.set('exportSession', new HostError('internal', 'Chromium could not be started'));
    await startApp(host, '#/study/study-a/session/s1');
    await page.getByRole('button', { name: 'Export map…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the map of FGD 1' });
    await dialog.getByRole('button', { name: 'Export' }).click();
    await expect.element(dialog.getByRole('alert')).toHaveTextContent('Chromium could not be started');
    host.failing.delete('exportSession');
    await dialog.getByRole('button', { name: 'Export' }).click();
    await expect.element(dialog).not.toBeInTheDocument();
    expect(host.payloadsOf('exportSession').map((p) => p.redact)).toEqual([true, true]);
  });

  test('compare view: the picture of the current selection and focused stakeholder, notes never in it', async () => {
    await startApp(host, '#/study/study-a/compare');
    // The view starts with the latest round (Endline: s2 only); the user picks Baseline
    // instead, and leaves the duty bearers out.
    await page.getByRole('checkbox', { name: /^Baseline/ }).click();
    await page.getByRole('checkbox', { name: /^Endline/ }).click();
    await page.getByRole('checkbox', { name: /^Duty bearers/ }).click();
    await page.getByTestId('focus-select').selectOptions('police');
    await page.getByRole('button', { name: 'Export picture…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the compare picture' });
    await expect.element(notesBox(dialog)).not.toBeChecked();
    await expect.element(notesBox(dialog)).toBeDisabled();
    await expect.element(dialog.getByTestId('export-included')).toHaveTextContent('Local police station');
    await expect.element(dialog.getByTestId('export-session-count')).toHaveTextContent('1 session');
    await expect.element(dialog.getByTestId('export-notes')).toHaveTextContent('Never in this picture');
    await dialog.getByRole('radio', { name: /^PDF/ }).click();
    await dialog.getByRole('button', { name: 'Export' }).click();
    await expect.element(dialog).not.toBeInTheDocument();
    expect(host.payloadsOf('exportStudy')).toEqual([
      { studyId: 'study-a', format: 'compare-pdf', redact: true, language: 'en', sessionIds: ['s1'], focusStakeholderId: 'police' },
    ]);
  });
});

describe('delivering the file in the browser preview', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  test('downloads through <a download> with an object URL, revoked afterwards', async () => {
    delete window.pimapHost;
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    const clicked: { href: string; download: string; connected: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, connected: this.isConnected });
    });
    const text = '\uFEFFstudy,session\nনদীয়া,FGD 1\n';
    const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(text)));
    const delivered = await deliverFile({ fileName: 'নদীয়া.csv', mimeType: 'text/csv;charset=utf-8', base64 });
    expect(delivered).toEqual({ how: 'download', fileName: 'নদীয়া.csv' });
    expect(clicked).toHaveLength(1);
    expect(clicked[0]).toMatchObject({ download: 'নদীয়া.csv', connected: true });
    expect(clicked[0]!.href).toMatch(/^blob:/);
    expect(document.querySelector('a[download]')).toBeNull();
    // The bytes are the file's, byte-order mark included.
    const bytes = new Uint8Array(await (await fetch(clicked[0]!.href)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(text);
    expect(revoke).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30_000);
    expect(revoke).toHaveBeenCalledWith(clicked[0]!.href);
  });
});

describe('merge dialog', () => {
  /** A facilitator's study file: FGD 1 baseline changed, FGD 1 endline the same, FGD 5 new with a new stakeholder. */
  function theirFile(): File {
    const ours = host.sessionsOf('study-a');
    const s1 = ours.find((s) => s.id === 's1')!;
    const s2 = ours.find((s) => s.id === 's2')!;
    const theirStudy: Study = {
      ...study,
      title: 'Nadia (Rupa’s laptop)',
      stakeholders: [...study.stakeholders, { id: 'madrasa', name: 'Madrasa committee', short: 'Madrasa', description: '', category: 'other', labels: {}, retired: false, custom: true }],
    };
    const sessions: Session[] = [
      { ...s1, id: 'r-1', placements: { ...s1.placements, police: placed(3, 8) } },
      { ...s2, id: 'r-2' },
      makeSession(theirStudy, 'r-5', 'FGD 5', { placements: { madrasa: placed(2, 7), bdo: placed(8, 2) } }),
    ];
    const text = serializeBundle(buildBundle(theirStudy, sessions, { exportedAt: '2026-02-01T12:00:00.000Z', redact: false }));
    return new File([text], 'Nadia.pimap.json', { type: 'application/json' });
  }

  test('lists what the file adds, blocks Import until every conflict has a choice, then sends the choices', async () => {
    await startApp(host, '#/study/study-a');
    const opener = page.getByRole('button', { name: 'Import study file…' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Import a study file into Nadia baseline' });
    await userEvent.upload(dialog.getByLabelText('Study file'), theirFile());

    const summary = dialog.getByTestId('merge-summary');
    await expect.element(summary).toHaveTextContent('From the study “Nadia (Rupa’s laptop)”');
    await expect.element(dialog.getByTestId('merge-conflicts')).toBeVisible();
    expect(document.querySelector('[data-count="new"]')!.textContent).toBe('1');
    expect(document.querySelector('[data-count="identical"]')!.textContent).toBe('1');
    expect(document.querySelector('[data-count="conflicts"]')!.textContent).toBe('1');
    expect(document.querySelector('[data-count="stakeholders"]')!.textContent).toBe('6 matched, 1 new');
    await expect.element(dialog.getByTestId('merge-new-sessions')).toHaveTextContent('FGD 5 (Survivors, Baseline)');
    await expect.element(dialog.getByTestId('merge-identical')).toHaveTextContent('FGD 1 (Endline)');
    await expect.element(summary).toHaveTextContent('New stakeholders (added to the study\'s list as custom): Madrasa committee.');

    const conflict = dialog.getByRole('group', { name: 'FGD 1 · Baseline' });
    await expect.element(conflict).toHaveTextContent('Differs in: placement of Police.');
    // No choice is made for the user.
    for (const name of ['Keep ours', 'Take theirs', 'Keep both']) await expect.element(conflict.getByRole('radio', { name: new RegExp(`^${name}`) })).not.toBeChecked();
    const submit = dialog.getByRole('button', { name: /^Import/ });
    await expect.element(submit).toBeDisabled();
    await expect.element(dialog.getByTestId('merge-status')).toHaveTextContent('Choose what to do with 1 session that differs.');
    await expect.element(conflict).toHaveTextContent('Add the file\'s version as “FGD 1 (imported)”.');

    await conflict.getByRole('radio', { name: /^Keep both/ }).click();
    await expect.element(submit).toBeEnabled();
    await submit.click();

    await expect.element(dialog).not.toBeInTheDocument();
    await expect.element(page.getByText('Imported from “Nadia (Rupa’s laptop)”: 2 added', { exact: false })).toBeVisible();
    const applied = host.payloadsOf('applyMerge');
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatchObject({ studyId: 'study-a', resolutions: { s1: 'keep_both' }, importedSuffix: '(imported)' });
    const codes = host.sessionsOf('study-a').map((s) => `${s.code}/${s.roundId}`).sort();
    expect(codes).toEqual(['DB-1/baseline', 'FGD 1 (imported)/baseline', 'FGD 1/baseline', 'FGD 1/endline', 'FGD 5/baseline']);
    // Ours is untouched; theirs came in beside it.
    expect(host.sessions.get('s1')!.placements.police).toEqual(placed(9, 1.5));
    expect(host.studies.get('study-a')!.stakeholders.map((s) => s.id)).toContain('madrasa');
    await expect.element(opener).toHaveFocus();
  });

  test('from the studies list, the study the file comes from is chosen and its conflicts are shown', async () => {
    await startApp(host, '#/');
    await page.getByRole('button', { name: 'Import study file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a study file' });
    await userEvent.upload(dialog.getByLabelText('Study file'), theirFile());
    await expect.element(dialog.getByLabelText('Import into')).toHaveValue('study-a');
    await expect.element(dialog.getByRole('group', { name: 'FGD 1 · Baseline' })).toBeVisible();
    await expect.element(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
    await dialog.getByRole('radio', { name: /^Keep ours/ }).click();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.element(page.getByRole('heading', { level: 1, name: 'Nadia baseline' })).toBeVisible();
    expect(host.payloadsOf('applyMerge')[0]).toMatchObject({ studyId: 'study-a', resolutions: { s1: 'keep_ours' } });
    expect(host.sessionsOf('study-a').map((s) => s.code).sort()).toEqual(['DB-1', 'FGD 1', 'FGD 1', 'FGD 5']);
  });

  test('from the studies list, a file of a study this app does not have becomes a new study', async () => {
    const file = theirFile();
    host = new ExportFakeHost();
    await startApp(host, '#/');
    await page.getByRole('button', { name: 'Import study file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a study file' });
    await userEvent.upload(dialog.getByLabelText('Study file'), file);
    await expect.element(dialog.getByLabelText('Import into')).toHaveValue('');
    await expect.element(dialog.getByTestId('merge-summary')).toHaveTextContent('Creates a new study: “Nadia (Rupa’s laptop)”');
    await expect.element(dialog.getByTestId('merge-new-sessions')).toHaveTextContent('FGD 1 (Survivors, Baseline)');
    expect(document.querySelector('[data-count="new"]')!.textContent).toBe('3');
    expect(host.payloadsOf('previewMerge')).toHaveLength(0);
    await dialog.getByRole('button', { name: 'Create the study' }).click();

    await expect.element(page.getByRole('heading', { level: 1, name: 'Nadia (Rupa’s laptop)' })).toBeVisible();
    await expect.element(page.getByText('Created “Nadia (Rupa’s laptop)” from the study file, with 3 sessions.')).toBeVisible();
    // The file's own study id, so the next file from this study matches it.
    expect([...host.studies.keys()]).toEqual(['study-a']);
    expect(host.sessionsOf('study-a').map((s) => `${s.code}/${s.roundId}`).sort()).toEqual(['FGD 1/baseline', 'FGD 1/endline', 'FGD 5/baseline']);
    expect(host.studies.get('study-a')!.stakeholders.map((s) => s.id)).toContain('madrasa');
  });

  test('a file that is not a study file is named as such, and nothing can be imported', async () => {
    await startApp(host, '#/study/study-a');
    await page.getByRole('button', { name: 'Import study file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a study file into Nadia baseline' });
    await userEvent.upload(dialog.getByLabelText('Study file'), new File(['{"hello":1}'], 'notes.json', { type: 'application/json' }));
    await expect.element(dialog.getByRole('alert')).toHaveTextContent('is not a pimap/study-bundle file');
    await expect.element(dialog.getByRole('button', { name: /^Import/ })).toBeDisabled();
    expect(host.payloadsOf('applyMerge')).toHaveLength(0);
  });

  test('a file that is not UTF-8 text is named as such, and nothing can be imported', async () => {
    await startApp(host, '#/study/study-a');
    await page.getByRole('button', { name: 'Import study file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a study file into Nadia baseline' });
    await userEvent.upload(dialog.getByLabelText('Study file'), new File([new Uint8Array([0x7b, 0x22, 0xe9, 0xff, 0x22, 0x7d])], 'photo.jpg', { type: 'image/jpeg' }));
    await expect.element(dialog.getByRole('alert')).toHaveTextContent(
      'photo.jpg is not UTF-8 text: line 1, byte 3 is 0xE9, which is “é” in Windows-1252. It was probably saved as Windows-1252 or Latin-1',
    );
    await expect.element(dialog.getByRole('button', { name: /^Import/ })).toBeDisabled();
    expect(host.payloadsOf('previewMerge')).toHaveLength(0);
  });

  test('a study file saved as UTF-16 is named as UTF-16, with "save it as UTF-8"', async () => {
    await startApp(host, '#/study/study-a');
    await page.getByRole('button', { name: 'Import study file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a study file into Nadia baseline' });
    const text = '{"format":"pimap/study-bundle"}';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    await userEvent.upload(dialog.getByLabelText('Study file'), new File([bytes], 'bundle.pimap.json', { type: 'application/json' }));
    await expect.element(dialog.getByRole('alert')).toHaveTextContent('bundle.pimap.json is UTF-16 text (little-endian), not UTF-8. Save it as UTF-8');
    expect(host.payloadsOf('previewMerge')).toHaveLength(0);
  });
});
