import { StudyRepository } from '../../electron/services/storage/studyRepository';
import { newSession } from '../../shared/model/defaults';
import type { Session } from '../../shared/model/session';

/**
 * The child of the kill test (see storageKill.ts). It applies an endless stream of
 * session edits through the real repository and prints `ack <sessionId> <seq>` only
 * after the save promise resolved, i.e. once the edit is durable. The parent kills it
 * with SIGKILL at a random moment and checks that every acknowledged edit is on disk.
 *
 *   node child.mjs <dataDir> <studyId> <seed>
 *
 * Each edit writes `seq:<n>` into the notes (n grows across all sessions), so the file
 * tells exactly which edit it holds. Saves are fired without waiting for the previous
 * one, each based on the revision the previous save of that session will write (as the
 * app's save queue chains its own saves), so the write queue and the cross-process lock
 * are exercised as well as the atomic write.
 */
export const KILL_SESSIONS = ['fgd-1', 'fgd-2', 'db-07'] as const;
const STAKEHOLDERS = ['bdo', 'gram-panchayat', 'police', 'asha', 'anganwadi', 'vlcpc', 'childline', 'cwc'];

export function seqOfNotes(notes: string): number {
  const m = /^seq:(\d+)$/.exec(notes);
  return m ? Number(m[1]) : -1;
}

export function killEdit(studyId: string, sessionId: string, seq: number): Session {
  const s = newSession({ id: sessionId, studyId, code: sessionId.toUpperCase(), kind: 'fgd', cohortId: 'survivors', roundId: 'baseline', now: '2026-03-02T10:00:00.000Z' });
  s.notes = `seq:${seq}`;
  STAKEHOLDERS.forEach((id, i) => {
    s.placements[id] = { status: 'placed', position: { power: (seq * 7 + i) % 11, interest: (seq * 3 + i * 5) % 11 }, contested: false, alt: null, note: `edit ${seq}` };
  });
  // Make files of different lengths, so a torn write could not look complete by chance.
  s.placements.bdo = { ...s.placements.bdo!, note: 'x'.repeat(seq % 500) };
  return s;
}

async function main(): Promise<void> {
  const [dataDir, studyId, seedArg] = process.argv.slice(2);
  if (!dataDir || !studyId) throw new Error('usage: child <dataDir> <studyId> <seed>');
  let state = Number(seedArg ?? 1) >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const repo = new StudyRepository(dataDir, { warn: () => undefined });
  // An encrypted study (issue 16): the parent hands over the data key, as an unlock would
  // (scrypt on every start would make each cycle half a second slower).
  if (process.env.PIMAP_KILL_KEY) repo.keys.set(studyId, Buffer.from(process.env.PIMAP_KILL_KEY, 'hex'));
  // Opening sweeps temporary files left by the previous (killed) child.
  const opened = await repo.openStudy(studyId);
  if (opened.problems.length) {
    process.stdout.write(`problem ${JSON.stringify(opened.problems)}\n`);
    process.exit(3);
  }
  let seq = Math.max(0, ...opened.sessions.map((s) => seqOfNotes(s.notes))) + 1;
  const revision = new Map(opened.sessions.map((s) => [s.id, s.revision]));
  process.stdout.write('ready\n');
  for (;;) {
    const sessionId = KILL_SESSIONS[Math.floor(random() * KILL_SESSIONS.length)] as string;
    const mine = seq++;
    const base = revision.get(sessionId) ?? 0;
    revision.set(sessionId, base + 1);
    const saved = repo.saveSession(killEdit(studyId, sessionId, mine), base).then(
      () => void process.stdout.write(`ack ${sessionId} ${mine}\n`),
      (err: unknown) => void process.stdout.write(`fail ${sessionId} ${mine} ${err instanceof Error ? err.message : String(err)}\n`),
    );
    // Sometimes wait for the save, sometimes fire the next one at once.
    if (random() < 0.4) await saved;
    else await new Promise((r) => setImmediate(r));
  }
}

const isMain = process.argv[1] !== undefined && /storageKillChild|kill-child/.test(process.argv[1]);
if (isMain) {
  main().catch((err: unknown) => {
    process.stdout.write(`error ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  });
}
