import type { AnalysisSession } from './sessionData';
import type { Study } from '../model/study';
import { ZONE_IDS, zoneOf, type ZoneId } from '../model/zones';
import type { Position } from '../model/position';
import { nameKey } from '../model/names';

/** A session code mapped in both rounds. */
export interface SessionPair {
  /** The session code as written in the earlier round. */
  code: string;
  fromSessionId: string;
  toSessionId: string;
  /** The cohort of the earlier session (a pair is counted in the cohort it started in). */
  cohortId: string;
}

/** One pair's movement of one stakeholder, both sessions having placed it. */
export interface Shift {
  sessionCode: string;
  fromSessionId: string;
  toSessionId: string;
  cohortId: string;
  from: Position;
  to: Position;
}

/** Change along each axis (later minus earlier), in grid units. */
export interface ShiftVector {
  power: number;
  interest: number;
}

/** Counts of pairs by zone in the earlier round (rows) and the later round (columns). */
export type TransitionTable = Record<ZoneId, Record<ZoneId, number>>;

export interface CohortShift {
  id: string;
  name: string;
  /** Pairs of this cohort in which both sessions placed the stakeholder. */
  n: number;
  /** Mean shift vector over those pairs; null when n = 0. */
  meanShift: ShiftVector | null;
  /** From-zone × to-zone counts over those pairs. */
  transitions: TransitionTable;
}

export interface StakeholderShift {
  id: string;
  name: string;
  /** Pairs in which both sessions placed the stakeholder. */
  n: number;
  /** Mean shift vector over those pairs (later minus earlier); null when n = 0. */
  meanShift: ShiftVector | null;
  /** Every pair's movement, for drawing arrows. */
  shifts: Shift[];
  /** Per cohort with at least one pair. */
  cohorts: CohortShift[];
}

/** The over-time analysis between two rounds (docs/methods.md, "Over time"). */
export interface OverTime {
  fromRoundId: string;
  toRoundId: string;
  /** Round names. */
  from: string;
  to: string;
  pairs: SessionPair[];
  /** Codes used by more than one session in the same round: they cannot be paired and are left out. */
  ambiguousCodes: string[];
  /** Sessions of either round whose code has no partner in the other round. */
  unpairedSessionIds: string[];
  stakeholders: StakeholderShift[];
}

/** Codes are compared as names are (`nameKey`): "FGD 3" and "fgd 3" are the same group. */
export const pairingKey = nameKey;

function emptyTransitions(): TransitionTable {
  const t = {} as TransitionTable;
  for (const a of ZONE_IDS) t[a] = { hp_hi: 0, hp_li: 0, lp_hi: 0, lp_li: 0 };
  return t;
}

/**
 * The first two of the study's rounds, in study order, that both have sessions in the set;
 * null when fewer than two rounds have any.
 */
export function defaultRoundPair(study: Study, sessions: readonly AnalysisSession[]): { fromRoundId: string; toRoundId: string } | null {
  const used = study.rounds.filter((r) => sessions.some((s) => s.roundId === r.id));
  return used.length >= 2 ? { fromRoundId: used[0]!.id, toRoundId: used[1]!.id } : null;
}

/**
 * Pair sessions by code across two rounds and measure, per stakeholder, how the placements
 * moved. `sessions` should be in a stable order (the orchestrator sorts them) so the output
 * is reproducible.
 */
export function compareRounds(
  study: Study,
  sessions: readonly AnalysisSession[],
  rounds: { fromRoundId: string; toRoundId: string },
  stakeholderIds?: readonly string[],
): OverTime {
  const roundName = (id: string) => study.rounds.find((r) => r.id === id)?.name ?? id;
  const byCode = (roundId: string) => {
    const map = new Map<string, AnalysisSession[]>();
    for (const s of sessions) {
      if (s.roundId !== roundId) continue;
      const key = pairingKey(s.code);
      map.set(key, [...(map.get(key) ?? []), s]);
    }
    return map;
  };
  const fromMap = byCode(rounds.fromRoundId);
  const toMap = byCode(rounds.toRoundId);
  const pairs: SessionPair[] = [];
  const pairSessions: Array<[AnalysisSession, AnalysisSession]> = [];
  const ambiguous = new Set<string>();
  const unpaired: string[] = [];
  for (const [key, froms] of fromMap) {
    const tos = toMap.get(key);
    if (froms.length > 1 || (tos && tos.length > 1)) {
      ambiguous.add(froms[0]!.code.trim());
      continue;
    }
    const from = froms[0]!;
    if (!tos) {
      unpaired.push(from.id);
      continue;
    }
    const to = tos[0]!;
    pairs.push({ code: from.code, fromSessionId: from.id, toSessionId: to.id, cohortId: from.cohortId });
    pairSessions.push([from, to]);
  }
  for (const [key, tos] of toMap) {
    if (fromMap.has(key)) continue;
    if (tos.length > 1) ambiguous.add(tos[0]!.code.trim());
    else unpaired.push(tos[0]!.id);
  }

  const cohortName = (id: string) => study.cohorts.find((c) => c.id === id)?.name ?? id;
  const cohortOrder = (id: string) => {
    const i = study.cohorts.findIndex((c) => c.id === id);
    return i < 0 ? study.cohorts.length : i;
  };
  const wanted = stakeholderIds ? new Set(stakeholderIds) : null;
  const stakeholders: StakeholderShift[] = [];
  for (const st of study.stakeholders) {
    if (wanted ? !wanted.has(st.id) : !pairSessions.some(([a, b]) => a.placements[st.id] || b.placements[st.id])) continue;
    const shifts: Shift[] = [];
    for (const [a, b] of pairSessions) {
      const pa = a.placements[st.id];
      const pb = b.placements[st.id];
      if (pa?.status !== 'placed' || pb?.status !== 'placed' || !pa.position || !pb.position) continue;
      shifts.push({ sessionCode: a.code, fromSessionId: a.id, toSessionId: b.id, cohortId: a.cohortId, from: pa.position, to: pb.position });
    }
    const cohortIds = [...new Set(pairs.map((p) => p.cohortId))].sort((x, y) => cohortOrder(x) - cohortOrder(y) || (x < y ? -1 : x > y ? 1 : 0));
    const midline = study.midline;
    const cohorts: CohortShift[] = cohortIds.map((cid) => {
      const own = shifts.filter((s) => s.cohortId === cid);
      const transitions = emptyTransitions();
      for (const s of own) transitions[zoneOf(s.from, midline)][zoneOf(s.to, midline)]++;
      return { id: cid, name: cohortName(cid), n: own.length, meanShift: meanShiftOf(own), transitions };
    });
    stakeholders.push({ id: st.id, name: st.name, n: shifts.length, meanShift: meanShiftOf(shifts), shifts, cohorts });
  }
  return {
    fromRoundId: rounds.fromRoundId,
    toRoundId: rounds.toRoundId,
    from: roundName(rounds.fromRoundId),
    to: roundName(rounds.toRoundId),
    pairs,
    ambiguousCodes: [...ambiguous],
    unpairedSessionIds: unpaired,
    stakeholders,
  };
}

/** Mean of (to − from) over the shifts; null for none. */
export function meanShiftOf(shifts: readonly Shift[]): ShiftVector | null {
  if (shifts.length === 0) return null;
  let power = 0;
  let interest = 0;
  for (const s of shifts) {
    power += s.to.power - s.from.power;
    interest += s.to.interest - s.from.interest;
  }
  return { power: power / shifts.length, interest: interest / shifts.length };
}
