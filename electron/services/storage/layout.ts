import { join } from 'node:path';
import { HostError } from '../../../shared/contract/hostContract';
import { IdSchema } from '../../../shared/model/common';

/**
 * Where everything lives in the data folder:
 *
 *   <data>/<studyId>/study.json                      the study's settings
 *   <data>/<studyId>/sessions/<sessionId>.json       one file per session map
 *   <data>/<studyId>/.history/<sessionId>/<v>.json   earlier versions of a session
 *   <data>/<studyId>/.history/.study/<v>.json        earlier versions of study.json
 *   <data>/<studyId>/.quarantine/                    damaged files, each with a .why.txt
 *   <data>/.trash/<trashId>/                         deleted studies and sessions
 *
 * One file per session means a crash or a bad sync touches at most one map, and maps
 * made by different facilitators merge by copying files into `sessions/`.
 * Hidden folders start with "." and so can never collide with an id.
 */
export const STUDY_FILE = 'study.json';
export const SESSIONS_DIR = 'sessions';
export const HISTORY_DIR = '.history';
export const QUARANTINE_DIR = '.quarantine';
/** Sync tools' conflict copies of study.json, kept after they were merged in (never deleted). */
export const SYNC_ARCHIVE_DIR = '.sync-archive';
export const TRASH_DIR = '.trash';
/** History key for study.json; ids cannot start with ".", so it cannot clash with a session. */
export const STUDY_HISTORY_KEY = '.study';

/** Ids and other names that become path segments: no separators, no "..". */
const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,100}$/;
const SAFE_TOKEN = /^[A-Za-z0-9_-]{1,300}$/;

/**
 * Also the model's own id rule (IdSchema): `constructor.json` or `__proto__.json` is a
 * safe file name but not a valid id, and a load problem naming it as one failed the
 * contract's result check — an `internal` error for the whole study.
 */
export function isSafeId(id: string): boolean {
  return SAFE_SEGMENT.test(id) && IdSchema.safeParse(id).success;
}

/**
 * Refuse any id that could escape the data folder. The contract already checks ids,
 * but the repository is also called directly (CLI), so it checks again.
 */
export function assertSafeId(id: string, what: string): void {
  if (!isSafeId(id)) throw new HostError('invalid_payload', `${what} "${id.slice(0, 40)}" is not a valid id`);
}

/** Trash ids and version ids are ours, but arrive from the UI: same check, longer limit. */
export function isSafeToken(token: string): boolean {
  return SAFE_TOKEN.test(token);
}

export class Layout {
  constructor(readonly dataDir: string) {}

  studyDir(studyId: string): string {
    return join(this.dataDir, studyId);
  }
  studyFile(studyId: string): string {
    return join(this.dataDir, studyId, STUDY_FILE);
  }
  sessionsDir(studyId: string): string {
    return join(this.dataDir, studyId, SESSIONS_DIR);
  }
  sessionFile(studyId: string, sessionId: string): string {
    return join(this.dataDir, studyId, SESSIONS_DIR, `${sessionId}.json`);
  }
  historyRoot(studyId: string): string {
    return join(this.dataDir, studyId, HISTORY_DIR);
  }
  /** `key` is a session id or STUDY_HISTORY_KEY. */
  historyDir(studyId: string, key: string): string {
    return join(this.dataDir, studyId, HISTORY_DIR, key);
  }
  quarantineDir(studyId: string): string {
    return join(this.dataDir, studyId, QUARANTINE_DIR);
  }
  syncArchiveDir(studyId: string): string {
    return join(this.dataDir, studyId, SYNC_ARCHIVE_DIR);
  }
  trashDir(): string {
    return join(this.dataDir, TRASH_DIR);
  }
  trashEntry(trashId: string): string {
    return join(this.dataDir, TRASH_DIR, trashId);
  }
  /** A path as shown to the user: relative to the data folder, with "/" separators. */
  shown(path: string): string {
    const rel = path.startsWith(this.dataDir) ? path.slice(this.dataDir.length).replace(/^[\\/]+/, '') : path;
    return rel.split('\\').join('/');
  }
}

/** `2026-11-28T09:33:00.123Z` → `20261128T093300123Z`: sortable, and valid in file names on every OS. */
export function compactTime(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

/** Inverse of compactTime (ignores a `-n` suffix). Null if the name is not one of ours. */
export function parseCompactTime(name: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(name);
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}
