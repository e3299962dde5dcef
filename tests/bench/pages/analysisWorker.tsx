/** The analysis worker of the benchmark page: compareCohorts and the whole result back. */
import { compareCohorts } from '../../../shared/analysis/compareCohorts';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';

// The DOM and WebWorker libs clash in one program; this is all of the worker scope used.
const scope = self as unknown as { onmessage: ((e: MessageEvent<{ study: Study; sessions: Session[]; permutations: number }>) => void) | null; postMessage(message: unknown): void };

scope.onmessage = (e) => {
  try {
    const result = compareCohorts(e.data.study, e.data.sessions, { permutations: e.data.permutations });
    // The p-values ride along (small) so the page can check the app's split pool against them.
    const pValues = result.stakeholders.map((s) => ({ pValue: s.pValue, dispersion: s.dispersion && { pValue: s.dispersion.pValue } }));
    scope.postMessage({ ok: true, sessions: result.sessions, stakeholders: result.stakeholders.length, pValues, result });
  } catch (err) {
    scope.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
