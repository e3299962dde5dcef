import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HostError, type HostHandlers } from '../../shared/contract/hostContract';
import { describeIssues } from '../../shared/model/migrations';
import { StakeholderLibrarySchema, type Stakeholder } from '../../shared/model/stakeholder';
import { withoutStudy, withRecentStudy, type PrefsStore } from './prefs';
import { StudyRepository } from './storage/studyRepository';
import { exportHandlers } from './export/exportHandlers';

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
}

export const APP_NAME = 'Power–Interest Mapper';

/** Where the default library sits relative to this file, in the checkout and in out/main. */
const DEFAULT_LIBRARY_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources', 'stakeholders.json');

export type HostServices = HostHandlers & {
  /** Resolves when every queued write is on disk; call before the process exits. */
  flush(): Promise<void>;
};

export function createHostServices(opts: HostServicesOptions): HostServices {
  return hostServicesFor({
    repository: new StudyRepository(opts.dataDir),
    prefs: opts.prefs,
    host: opts.host,
    version: opts.version,
    libraryPath: opts.libraryPath ?? DEFAULT_LIBRARY_PATH,
  });
}

export interface HostServiceDeps {
  repository: StudyRepository;
  prefs: PrefsStore;
  host: HostServicesOptions['host'];
  version: string;
  libraryPath: string;
  warn?: (message: string) => void;
}

/** The same services over a given repository (tests pass one on a simulated disk). */
export function hostServicesFor(deps: HostServiceDeps): HostServices {
  const { repository, prefs } = deps;
  const warn = deps.warn ?? ((m: string) => console.warn(m));
  let library: Promise<Stakeholder[]> | null = null;

  /** Recent-study bookkeeping must never make an open or a delete fail. */
  const updatePrefs = (change: (p: ReturnType<PrefsStore['get']>) => Parameters<PrefsStore['set']>[0]) => {
    try {
      prefs.set(change(prefs.get()));
    } catch (err) {
      warn(`Preferences not updated: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return {
    appInfo: async () => ({ name: APP_NAME, version: deps.version, host: deps.host, dataDir: repository.dataDir }),
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
    saveStudy: ({ study }) => repository.saveStudy(study),
    openStudy: async ({ studyId }) => {
      const result = await repository.openStudy(studyId);
      updatePrefs((p) => withRecentStudy(p, studyId));
      return result;
    },
    deleteStudy: async ({ studyId }) => {
      const result = await repository.deleteStudy(studyId);
      updatePrefs((p) => withoutStudy(p, studyId));
      return result;
    },
    listTrash: () => repository.listTrash(),
    restoreFromTrash: ({ trashId }) => repository.restoreFromTrash(trashId),
    saveSession: ({ session }) => repository.saveSession(session),
    deleteSession: ({ studyId, sessionId }) => repository.deleteSession(studyId, sessionId),
    listSessionVersions: ({ studyId, sessionId }) => repository.listSessionVersions(studyId, sessionId),
    restoreSessionVersion: ({ studyId, sessionId, versionId }) => repository.restoreSessionVersion(studyId, sessionId, versionId),
    getPrefs: async () => prefs.get(),
    setPrefs: async (patch) => prefs.set(patch),
    ...exportHandlers({ repository, version: deps.version }),
    flush: () => repository.flush(),
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
