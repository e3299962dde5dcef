import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StudyRepository } from '../../../electron/services/storage/studyRepository';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';
import { generateStudy, type GenerateOptions } from '../../helpers/studyGenerator';

/** Seeds are fixed so every run and every machine measures the same study. */
export const SEED = 20260115;

export interface StudyOnDisk {
  dataDir: string;
  study: Study;
  sessions: Session[];
  remove(): void;
}

/**
 * A generated study written to a fresh data folder through the real repository, so the
 * files are byte for byte what the app writes (atomic writes, history copies included).
 */
export async function writeStudy(options: GenerateOptions & { allPlaced?: boolean }, prefix = 'pimap-bench-'): Promise<StudyOnDisk> {
  const { study, sessions } = generateStudy({ seed: SEED, ...options });
  if (options.allPlaced) for (const session of sessions) placeEverything(study, session);
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const repository = new StudyRepository(dataDir, { warn: () => undefined });
  await repository.createStudy(study);
  // The repository serialises writes per file, not across files: a few at a time keeps
  // the disk busy without thousands of open handles.
  const pending = [...sessions];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let s = pending.shift(); s; s = pending.shift()) await repository.saveSession(s);
    }),
  );
  await repository.flush();
  return { dataDir, study, sessions, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

const shared = new Map<string, Promise<StudyOnDisk>>();

/**
 * A study on disk shared by the scenarios of one run (writing 1,000 sessions takes
 * seconds). Scenarios may edit it; they must not delete it: the runner does, at the end.
 */
export function sharedStudy(options: GenerateOptions): Promise<StudyOnDisk> {
  const key = JSON.stringify(options);
  let found = shared.get(key);
  if (!found) {
    found = writeStudy(options, 'pimap-bench-shared-');
    shared.set(key, found);
  }
  return found;
}

export async function removeSharedStudies(): Promise<void> {
  for (const pending of shared.values()) (await pending.catch(() => null))?.remove();
  shared.clear();
}

/**
 * Put every stakeholder of a session on the grid (the generator leaves some unknown or
 * not discussed), uncontested, so N stakeholders make exactly N chips or marks.
 */
function placeEverything(study: Study, session: Session): void {
  study.stakeholders.forEach((s, i) => {
    const p = session.placements[s.id]!;
    const position = p.position ?? { power: 1 + ((i * 37) % 80) / 10, interest: 1 + ((i * 53) % 80) / 10 };
    session.placements[s.id] = { status: 'placed', position, contested: false, alt: null, note: p.note };
  });
}

/** One session with `chips` stakeholders, all on the grid. */
export function chipsStudy(chips: number): { study: Study; session: Session } {
  const { study, sessions } = generateStudy({ seed: SEED, sessions: 1, stakeholders: chips, noise: 1.4 });
  const session = sessions[0]!;
  placeEverything(study, session);
  return { study, session };
}
