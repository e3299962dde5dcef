import type { TFunction } from 'i18next';
import type { Position } from '../../../shared/model/position';
import type { Placement, Session } from '../../../shared/model/session';
import { stakeholderLabel, type Language } from '../../../shared/model/stakeholder';
import type { Study } from '../../../shared/model/study';
import { zoneOf } from '../../../shared/model/zones';
import type { ChangeKind } from './editorModel';

/** Axis values are recorded to one decimal and always shown that way ("9.0", not "9"). */
export function formatValue(v: number): string {
  return v.toFixed(1);
}

/** "high power, low interest: 9.0, 1.5" */
export function describePosition(t: TFunction, p: Position, study: Study): string {
  return t('editor:positionPhrase', {
    zone: t(`editor:zoneInSentence.${zoneOf(p, study.midline)}`),
    power: formatValue(p.power),
    interest: formatValue(p.interest),
  });
}

function samePos(a: Position | null, b: Position | null): boolean {
  return a === b || (!!a && !!b && a.power === b.power && a.interest === b.interest);
}

function describePlacement(t: TFunction, study: Study, name: string, before: Placement | undefined, after: Placement | undefined, kind: ChangeKind): string | null {
  if (!after) return t('editor:announce.toTray', { name });
  if (after.status !== before?.status) {
    if (after.status === 'placed' && after.position) return t('editor:announce.placed', { name, where: describePosition(t, after.position, study) });
    if (after.status === 'unknown') return t('editor:announce.unknown', { name });
    if (after.status === 'not_discussed') return t('editor:announce.notDiscussed', { name });
  }
  if (after.status === 'placed' && after.position && !samePos(before?.position ?? null, after.position))
    return t('editor:announce.moved', { name, where: describePosition(t, after.position, study) });
  if (after.contested !== before?.contested) {
    if (after.contested && after.alt) return t('editor:announce.contested', { name, where: describePosition(t, after.alt, study) });
    return t('editor:announce.agreed', { name });
  }
  if (after.contested && after.alt && !samePos(before?.alt ?? null, after.alt))
    return t('editor:announce.altMoved', { name, where: describePosition(t, after.alt, study) });
  // Typing is not announced while it happens (the typist knows); undoing it is.
  if (after.note !== before?.note && kind !== 'edit') return t('editor:announce.note', { name });
  return null;
}

/**
 * One sentence for the polite live region saying what the latest change did, e.g.
 * "Police moved to high power, low interest: 9.0, 1.5". Derived from the difference
 * between two sessions, so drags, keys, typed values, undo and redo are all worded
 * the same way. Returns null when there is nothing worth announcing.
 */
export function describeChange(t: TFunction, study: Study, language: Language, before: Session, after: Session, kind: ChangeKind): string | null {
  const sentence = describeContentChange(t, study, language, before, after, kind);
  if (!sentence) return kind === 'undo' ? t('editor:announce.undone') : kind === 'redo' ? t('editor:announce.redone') : null;
  if (kind === 'undo') return t('editor:announce.undoPrefix', { what: sentence });
  if (kind === 'redo') return t('editor:announce.redoPrefix', { what: sentence });
  return sentence;
}

function describeContentChange(t: TFunction, study: Study, language: Language, before: Session, after: Session, kind: ChangeKind): string | null {
  if (before.locked !== after.locked) return t(after.locked ? 'editor:announce.locked' : 'editor:announce.unlocked');
  if (before.placements !== after.placements) {
    const ids = new Set([...Object.keys(before.placements), ...Object.keys(after.placements)]);
    for (const s of study.stakeholders) {
      if (!ids.has(s.id)) continue;
      const b = before.placements[s.id];
      const a = after.placements[s.id];
      if (a === b) continue;
      const sentence = describePlacement(t, study, stakeholderLabel(s, language).short, b, a, kind);
      if (sentence) return sentence;
    }
  }
  if (before.consent !== after.consent) return t(after.consent ? 'editor:announce.consentYes' : 'editor:announce.consentNo');
  if (before.notes !== after.notes && kind !== 'edit') return t('editor:announce.sessionNotes');
  return null;
}
