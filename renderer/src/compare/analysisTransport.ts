import type { RawPoint } from '../../../shared/analysis/compareCohorts';
import type { Shift } from '../../../shared/analysis/overTime';
import type { AnalysisResult } from './analysisRequest';

/**
 * A result travels from the worker in several messages: the page deserialises each message
 * in its own task, and a 1,000-session result (5 MB of small objects, most of them the raw
 * points under each centroid) in one message is a 40–80 ms task on the page's thread.
 * The head is the result with every `points` and `shifts` list empty; the parts fill them.
 */
export type ResultPart = { kind: 'points'; stakeholder: number; items: RawPoint[] } | { kind: 'shifts'; stakeholder: number; items: Shift[] };

/** About this many points or shifts per message: a few milliseconds to deserialise. */
export const ITEMS_PER_MESSAGE = 2000;

/** The head and the parts, grouped into messages of at most about `itemsPerMessage` items. */
export function splitResult(result: AnalysisResult, itemsPerMessage = ITEMS_PER_MESSAGE): { head: AnalysisResult; messages: ResultPart[][] } {
  const parts: ResultPart[] = [];
  const stakeholders = result.comparison.stakeholders.map((st, i) => {
    if (st.points.length > 0) parts.push({ kind: 'points', stakeholder: i, items: st.points });
    return { ...st, points: [] };
  });
  const overTime = result.overTime && {
    ...result.overTime,
    stakeholders: result.overTime.stakeholders.map((st, i) => {
      if (st.shifts.length > 0) parts.push({ kind: 'shifts', stakeholder: i, items: st.shifts });
      return { ...st, shifts: [] };
    }),
  };
  const messages: ResultPart[][] = [];
  let current: ResultPart[] = [];
  let size = 0;
  for (const part of parts) {
    if (current.length > 0 && size + part.items.length > itemsPerMessage) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(part);
    size += part.items.length;
  }
  if (current.length > 0) messages.push(current);
  return { head: { ...result, comparison: { ...result.comparison, stakeholders }, overTime }, messages };
}

/** Puts the parts back into the head (in place) and returns it. */
export function joinResult(head: AnalysisResult, messages: readonly ResultPart[][]): AnalysisResult {
  for (const message of messages) {
    for (const part of message) {
      if (part.kind === 'points') head.comparison.stakeholders[part.stakeholder]!.points = part.items;
      else head.overTime!.stakeholders[part.stakeholder]!.shifts = part.items;
    }
  }
  return head;
}
