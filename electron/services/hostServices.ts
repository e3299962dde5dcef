import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HostError, type HostHandlers } from '../../shared/contract/hostContract';
import { describeIssues } from '../../shared/model/migrations';
import { StakeholderLibrarySchema, type Stakeholder } from '../../shared/model/stakeholder';
import { withoutStudy, withRecentStudy, type PrefsStore } from './prefs';
import { backupHandlers } from './backupHandlers';
import { encryptionHandlers } from './encryptionHandlers';
import { StudyWatcher } from './storage/studyWatcher';
import { StudyRepository } from './storage/studyRepository';
import { exportHandlers, type ExportRendererFactory } from './export/exportHandlers';
import { importCsv, previewCsvImport, type ImportHandlers } from './csvImport';
import { parseLongFormat } from '../../shared/csv/longFormat';
import { matchKey } from '../../shared/csv/planImport';
import type { CsvImportInput, CsvImportPreview } from '../../shared/contract/hostContract';
import type { Writer } from '../../shared/model/common';

/**
 * The services behind the host contract, one function per operation. The Electron
 * main process, the browser-preview server and tests all call these through
 * `dispatchHostCall`, which has already validated each payload; the CLI uses the
 * repository directly. Adding an operation: add it to shared/contract/hostContract.ts
 * and one entry below.
 */
export interface HostServicesOptions {
  dataDir: string;
  host: 'electron' | 'web' | 'cli' | 'test';
  prefs: PrefsStore;
  version: string;
  /** resources/stakeholders.json; defaults to the one in this checkout. */
  libraryPath?: string;
  /**
   * Opens the renderer that draws pictures and prints PDFs, one per export. The desktop
   * app passes Electron's own Chromium (electron/main/electronExportRenderer.ts); by
   * default (preview, CLI, tests) the system Chromium is started when a picture is needed.
   */
  exportRenderer?: ExportRendererFactory;
  /** Who this process writes as (stored in every saved document); see `processWriter`. */
  writer?: Writer;
}

/**
 * This process as a writer: a random id (two windows of the preview, the app and `pimap`
 * on one computer are different writers) and the computer's name, which a person
 * recognises in "changed elsewhere … by <name>".
 */
export function processWriter(host: HostServicesOptions['host']): Writer {
  let name = '';
  try {
    name = hostname().slice(0, 120);
  } catch {
    // No host name (sandboxed): the id alone still tells writers apart.
  }
  return { id: `${host}-${randomBytes(6).toString('hex')}`, name: name ? `${name} (${host === 'electron' ? 'app' : host})` : host };
}

export const APP_NAME = 'Power–Interest Mapper';

/** Where the default library sits relative to this file, in the checkout and in out/main. */
const DEFAULT_LIBRARY_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'stakeholders.json');

export type HostServices = HostHandlers & {
  /** Resolves when every queued write is on disk; call before the process exits. */
  flush(): Promise<void>;
  /** Stop watching study folders (after `flush`, when the process exits). */
  close(): Promise<void>;
};

export function createHostServices(opts: HostServicesOptions): HostServices {
  return hostServicesFor({
    repository: new StudyRepository(opts.dataDir, { writer: opts.writer ?? processWriter(opts.host) }),
    prefs: opts.prefs,
    host: opts.host,
    version: opts.version,
    libraryPath: opts.libraryPath ?? DEFAULT_LIBRARY_PATH,
    exportRenderer: opts.exportRenderer,
  });
}

export interface HostServiceDeps {
  repository: StudyRepository;
  prefs: PrefsStore;
  host: HostServicesOptions['host'];
  version: string;
  libraryPath: string;
  warn?: (message: string) => void;
  exportRenderer?: ExportRendererFactory;
}

/** The same services over a given repository (tests pass one on a simulated disk). */
export function hostServicesFor(deps: HostServiceDeps): HostServices {
  const { repository, prefs } = deps;
  const warn = deps.warn ?? ((m: string) => console.warn(m));
  // The device name a facilitator chose goes on every save (and the computer's until then).
  const baseName = repository.writer.name;
  const applyDeviceName = (p: { deviceName?: string }) => repository.setWriterName(p.deviceName ? p.deviceName : baseName);
  try {
    applyDeviceName(prefs.get());
  } catch {
    // Unreadable preferences: the computer's name stays.
  }
  // Started per study on the first `studyChanges`; the CLI never asks, so never watches.
  const watcher = new StudyWatcher(repository.layout);
  let library: Promise<Stakeholder[]> | null = null;

  /** Recent-study bookkeeping must never make an open or a delete fail. */
  const updatePrefs = (change: (p: ReturnType<PrefsStore['get']>) => Parameters<PrefsStore['set']>[0]) => {
    try {
      prefs.set(change(prefs.get()));
    } catch (err) {
      warn(`Preferences not updated: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const services: HostServices = {
    appInfo: async () => ({ name: APP_NAME, version: deps.version, host: deps.host, dataDir: repository.dataDir, writer: repository.writer }),
    getLibrary: () => {
      library ??= loadLibrary(deps.libraryPath).catch((err: unknown) => {
        library = null; // a later call may succeed (file restored)
        throw err;
      });
      return library;
    },
    listStudies: async () => {
      const { studies, problems } = await repository.listStudies();
      for (const p of problems) warn(`Study folder ${p.folder} was not listed: ${p.problem}`);
      return studies;
    },
    createStudy: ({ study }) => repository.createStudy(study),
    saveStudy: ({ study, baseRevision }) => repository.saveStudy(study, baseRevision),
    openStudy: async ({ studyId }) => {
      const result = await repository.openStudy(studyId);
      updatePrefs((p) => withRecentStudy(p, studyId));
      return result;
    },
    studyChanges: async ({ studyId }) => {
      const { version, watch } = await watcher.mark(studyId);
      // Polled by the open page: how it learns that the key was wiped (idle lock elsewhere, OS lock).
      return (await repository.storageFs.stateOf(studyId)) === 'locked' ? { version, watch, locked: true } : { version, watch };
    },
    resolveSyncCopy: ({ studyId, file, choice, asSession }) => repository.resolveSyncCopy(studyId, file, choice, asSession),
    deleteStudy: async ({ studyId }) => {
      const result = await repository.deleteStudy(studyId);
      updatePrefs((p) => withoutStudy(p, studyId));
      return result;
    },
    listTrash: () => repository.listTrash(),
    restoreFromTrash: ({ trashId }) => repository.restoreFromTrash(trashId),
    saveSession: ({ session, baseRevision }) => repository.saveSession(session, baseRevision),
    deleteSession: ({ studyId, sessionId }) => repository.deleteSession(studyId, sessionId),
    listSessionVersions: ({ studyId, sessionId }) => repository.listSessionVersions(studyId, sessionId),
    restoreSessionVersion: ({ studyId, sessionId, versionId }) => repository.restoreSessionVersion(studyId, sessionId, versionId),
    getPrefs: async () => prefs.get(),
    setPrefs: async (patch) => {
      const next = prefs.set(patch);
      applyDeviceName(next);
      return next;
    },
    ...exportHandlers({ repository, version: deps.version, exportRenderer: deps.exportRenderer }),
    ...backupHandlers(repository),
    ...encryptionHandlers(repository, (studyId) => updatePrefs((p) => withoutStudy(p, studyId))),
    // The desktop main process replaces this with its save dialog (electron/main/saveExport.ts).
    saveExport: async () => {
      throw new HostError('forbidden', 'Saving through the host needs the desktop app; the browser preview downloads the file instead.');
    },
    previewCsvImport: (input) => previewCsvOp(services, input),
    commitCsvImport: async (input) => {
      const { handlers, title } = await importTarget(services, input);
      const result = await importCsv(handlers, input.csvText, { title });
      if (!result.ok) {
        const lines = new Set(result.errors.map((e) => e.line)).size;
        throw new HostError('invalid_file', result.problem ? `several studies are titled "${result.problem.title}"` : `${result.errors.length} problems on ${lines} lines; nothing was imported`);
      }
      const { conflicts } = result.summary;
      if (conflicts.length)
        throw new HostError('conflict', `${conflicts.length} sessions changed since the file was read and were not imported (${conflicts.join(', ')}); the other rows were imported`);
      return { studyId: result.summary.studyId, savedAt: new Date().toISOString() };
    },
    flush: () => repository.flush(),
    close: () => watcher.close(),
  };
  return services;
}

/**
 * The handlers and title csvImport should use. Extending a given study: its title, and a
 * study list that holds only it, so csvImport's match by title finds exactly this study
 * even when another study has the same title.
 */
async function importTarget(services: HostServices, input: CsvImportInput): Promise<{ handlers: ImportHandlers; title: string | undefined }> {
  if (input.studyId === null) return { handlers: services, title: input.title?.trim() || undefined };
  const studyId = input.studyId;
  const only = (await services.listStudies({})).filter((s) => s.id === studyId);
  if (only.length === 0) throw new HostError('not_found', `no study ${studyId}`);
  return { handlers: { ...services, listStudies: async () => only }, title: only[0]!.title };
}

/** What importing would do, for the UI's preview. Writes nothing. */
async function previewCsvOp(services: HostServices, input: CsvImportInput): Promise<CsvImportPreview> {
  const { handlers, title } = await importTarget(services, input);
  const parsed = parseLongFormat(input.csvText);
  const preview = await previewCsvImport(handlers, input.csvText, { title });
  const fileTitle = title ?? parsed.rows.find((r) => r.study.trim() !== '')?.study.trim() ?? '';
  if (!preview.ok) {
    const errors: CsvImportPreview['errors'] = preview.errors.map((e) => ({ ...e }));
    if (preview.problem) errors.unshift({ line: 0, code: preview.problem.code, params: { title: preview.problem.title, count: preview.problem.studyIds.length } });
    return { rows: parsed.rows.length, errors, target: { studyId: input.studyId, title: fileTitle }, summary: null };
  }
  const { plan } = preview;
  const distinct = (values: string[]) => new Set(values.map(matchKey)).size;
  return {
    rows: plan.rows,
    errors: [],
    target: { studyId: plan.studyCreated ? null : plan.study.id, title: plan.study.title },
    summary: {
      sessionsCreated: plan.sessions.filter((s) => s.action === 'created').length,
      sessionsUpdated: plan.sessions.filter((s) => s.action === 'updated').length,
      newStakeholders: plan.newStakeholders.map((s) => s.name),
      newCohorts: plan.newCohorts.map((c) => c.name),
      newRounds: plan.newRounds.map((r) => r.name),
      stakeholders: distinct(parsed.rows.map((r) => r.stakeholder)),
      cohorts: distinct(parsed.rows.map((r) => r.cohort)),
    },
  };
}

/** The default stakeholder library, validated: a broken install says so instead of showing nothing. */
async function loadLibrary(path: string): Promise<Stakeholder[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new HostError('invalid_file', `The stakeholder library (${path}) cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = StakeholderLibrarySchema.safeParse(raw);
  if (!parsed.success) throw new HostError('invalid_file', `The stakeholder library (${path}) is not valid: ${describeIssues(parsed.error)}`);
  return parsed.data.stakeholders;
}
