import type { Position } from '../model/position';
import type { Placement, Session } from '../model/session';

/**
 * What the analysis reads of a placement and of a session, and nothing more. A full
 * `Session` is one; so is what `decodeSessions` rebuilds from typed arrays in a worker.
 */
export type AnalysisPlacement = Pick<Placement, 'status' | 'position' | 'contested'>;
export interface AnalysisSession {
  id: string;
  code: string;
  cohortId: string;
  roundId: string | null;
  placements: Record<string, AnalysisPlacement>;
}

// A full Session must stay usable wherever an AnalysisSession is read (checked here, once).
type Assignable<T extends AnalysisSession> = T;
export type SessionIsAnalysable = Assignable<Session>;

/**
 * Sessions as flat typed arrays, for posting to a worker: the typed arrays are transferred
 * (no copy, no per-object clone on the sending thread), and only four short strings per
 * session are cloned. Row i, column j is session i's placement of `stakeholderIds[j]`.
 * Placements of stakeholders the study does not list are not kept: the analysis reads
 * only the study's stakeholders.
 */
export interface EncodedSessions {
  stakeholderIds: string[];
  ids: string[];
  codes: string[];
  cohortIds: string[];
  /** '' is never a round id (ids are non-empty); it stands for a session without a round. */
  roundIds: string[];
  /** 0: no entry, 1: placed, 2: unknown, 3: not discussed. */
  status: Uint8Array;
  /** 1 when contested. */
  contested: Uint8Array;
  /** NaN where the placement has no position. */
  power: Float64Array;
  interest: Float64Array;
}

const STATUSES = [null, 'placed', 'unknown', 'not_discussed'] as const;
const STATUS_CODE: Record<Placement['status'], number> = { placed: 1, unknown: 2, not_discussed: 3 };

/** Sessions as typed arrays (see EncodedSessions); a plain loop, a few milliseconds for 1,000 × 40. */
export function encodeSessions(sessions: readonly AnalysisSession[], stakeholderIds: readonly string[]): EncodedSessions {
  const s = sessions.length;
  const m = stakeholderIds.length;
  const status = new Uint8Array(s * m);
  const contested = new Uint8Array(s * m);
  const power = new Float64Array(s * m).fill(NaN);
  const interest = new Float64Array(s * m).fill(NaN);
  const ids: string[] = [];
  const codes: string[] = [];
  const cohortIds: string[] = [];
  const roundIds: string[] = [];
  for (let i = 0; i < s; i++) {
    const session = sessions[i]!;
    ids.push(session.id);
    codes.push(session.code);
    cohortIds.push(session.cohortId);
    roundIds.push(session.roundId ?? '');
    const placements = session.placements;
    for (let j = 0; j < m; j++) {
      const p = placements[stakeholderIds[j]!];
      if (!p) continue;
      const cell = i * m + j;
      status[cell] = STATUS_CODE[p.status];
      if (p.contested) contested[cell] = 1;
      if (p.position) {
        power[cell] = p.position.power;
        interest[cell] = p.position.interest;
      }
    }
  }
  return { stakeholderIds: [...stakeholderIds], ids, codes, cohortIds, roundIds, status, contested, power, interest };
}

/** The typed arrays of an encoding, to pass as the transfer list of postMessage. */
export function transferablesOf(encoded: EncodedSessions): ArrayBuffer[] {
  return [encoded.status.buffer, encoded.contested.buffer, encoded.power.buffer, encoded.interest.buffer] as ArrayBuffer[];
}

/** The sessions back from typed arrays, with the same values the analysis would read from the originals. */
export function decodeSessions(encoded: EncodedSessions): AnalysisSession[] {
  const m = encoded.stakeholderIds.length;
  const out: AnalysisSession[] = [];
  for (let i = 0; i < encoded.ids.length; i++) {
    const placements: Record<string, AnalysisPlacement> = {};
    for (let j = 0; j < m; j++) {
      const cell = i * m + j;
      const code = encoded.status[cell]!;
      if (code === 0) continue;
      const p = encoded.power[cell]!;
      const position: Position | null = p === p ? { power: p, interest: encoded.interest[cell]! } : null;
      placements[encoded.stakeholderIds[j]!] = { status: STATUSES[code]!, position, contested: encoded.contested[cell] === 1 };
    }
    const round = encoded.roundIds[i]!;
    out.push({ id: encoded.ids[i]!, code: encoded.codes[i]!, cohortId: encoded.cohortIds[i]!, roundId: round === '' ? null : round, placements });
  }
  return out;
}
