import { canonicalJson } from '../model/sameDocument';
import type { Study } from '../model/study';

/**
 * Merge two versions of one study's settings that were changed on two devices before
 * they could sync (the file and a sync tool's conflict copy of it).
 *
 * The rule is *add-wins by id*: every cohort, round and stakeholder that either version
 * has is in the result, so a stakeholder one facilitator added — and the placements of it
 * in their sessions — is never orphaned. Where both versions have the same id with
 * different contents (a renamed cohort, a new short label), the newer version's wins; the
 * study's own fields (title, description, axes, midline) come from the newer version too.
 * "Newer" is the later `updatedAt`, then the higher revision, then `current`.
 *
 * A removal on one device is undone by the merge when the other still has the item: with
 * placements that may refer to it in sessions from either device, keeping it is the safe
 * side. Order: `current`'s order, then what only the other version has, in its order.
 */
export interface StudyMerge {
  study: Study;
  /** Names of what came in from `other` alone (nothing: the merge changed nothing but fields). */
  added: { cohorts: string[]; rounds: string[]; stakeholders: string[] };
  /** Whether the result differs from `current` at all. */
  changed: boolean;
}

type Listed = { id: string };

function newerOf(current: Study, other: Study): 'current' | 'other' {
  if (other.updatedAt !== current.updatedAt) return other.updatedAt > current.updatedAt ? 'other' : 'current';
  return other.revision > current.revision ? 'other' : 'current';
}

function mergeList<T extends Listed>(mine: readonly T[], theirs: readonly T[], theirsWins: boolean): { list: T[]; added: T[] } {
  const theirsById = new Map(theirs.map((t) => [t.id, t]));
  const mineIds = new Set(mine.map((m) => m.id));
  const list = mine.map((m) => (theirsWins ? (theirsById.get(m.id) ?? m) : m));
  const added = theirs.filter((t) => !mineIds.has(t.id));
  return { list: [...list, ...added], added };
}

export function mergeStudies(current: Study, other: Study): StudyMerge {
  const theirsWins = newerOf(current, other) === 'other';
  const cohorts = mergeList(current.cohorts, other.cohorts, theirsWins);
  const rounds = mergeList(current.rounds, other.rounds, theirsWins);
  const stakeholders = mergeList(current.stakeholders, other.stakeholders, theirsWins);
  const fields = theirsWins ? other : current;
  const study: Study = {
    ...current,
    ...fields,
    // The document's identity and place in the revision sequence stay the current file's:
    // the merge is saved on top of it.
    id: current.id,
    revision: current.revision,
    writer: current.writer,
    createdAt: current.createdAt < other.createdAt ? current.createdAt : other.createdAt,
    updatedAt: current.updatedAt > other.updatedAt ? current.updatedAt : other.updatedAt,
    cohorts: cohorts.list,
    rounds: rounds.list,
    stakeholders: stakeholders.list,
  };
  return {
    study,
    added: { cohorts: cohorts.added.map((c) => c.name), rounds: rounds.added.map((r) => r.name), stakeholders: stakeholders.added.map((s) => s.name) },
    changed: canonicalJson({ ...study, updatedAt: null }) !== canonicalJson({ ...current, updatedAt: null }),
  };
}
