/**
 * compareCohorts in a Web Worker, the way a renderer runs it: the study and sessions
 * are posted (structured clone on the main thread), the worker analyses, the result is
 * posted back. Driven from Node through window.__analysis.run(), which resolves with the
 * wall time from posting to receiving the result. Long tasks on the main thread
 * meanwhile are recorded by the probe.
 */
import { analyseInWorker, poolSize } from '../../../renderer/src/compare/useAnalysis';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';

declare global {
  interface Window {
    __analysis: { load(): Promise<void>; run(permutations: number): Promise<{ wallMs: number; sessions: number; stakeholders: number }> };
    /**
     * The app's own way (renderer/src/compare/useAnalysis): sessions as transferred typed
     * arrays, the permutation counts spread over one worker per core, the result back in
     * parts. Also says whether its p-values equal those of one compareCohorts in one worker.
     */
    __analysisPool: {
      run(permutations: number): Promise<{ wallMs: number; sessions: number; stakeholders: number; workers: number; sameAsOneWorker: boolean | null }>;
    };
  }
}

const worker = new Worker(new URL('./analysisWorker.tsx', import.meta.url), { type: 'module' });
let data: { study: Study; sessions: Session[] } | null = null;

window.__analysis = {
  async load() {
    data ??= (await (await fetch('/data/analysis.json')).json()) as { study: Study; sessions: Session[] };
  },
  async run(permutations) {
    await window.__analysis.load();
    const payload = data!;
    return new Promise((resolve, reject) => {
      const t0 = performance.now();
      worker.onmessage = (e: MessageEvent<{ ok: boolean; sessions: number; stakeholders: number; pValues: Array<{ pValue: number | null; dispersion: { pValue: number | null } | null }>; error?: string }>) => {
        const wallMs = performance.now() - t0;
        if (e.data.ok) {
          oneWorker = { permutations, pValues: pValuesOf(e.data.pValues) };
          resolve({ wallMs, sessions: e.data.sessions, stakeholders: e.data.stakeholders });
        }
        else reject(new Error(e.data.error));
      };
      worker.postMessage({ study: payload.study, sessions: payload.sessions, permutations });
    });
  },
};

/** p-values of the last one-worker run, to check the pool against. */
let oneWorker: { permutations: number; pValues: string } | null = null;
const pValuesOf = (stakeholders: ReadonlyArray<{ pValue: number | null; dispersion: { pValue: number | null } | null }>) =>
  JSON.stringify(stakeholders.map((s) => [s.pValue, s.dispersion?.pValue ?? null]));

window.__analysisPool = {
  async run(permutations) {
    await window.__analysis.load();
    const { study, sessions } = data!;
    const withSessions = new Set(sessions.map((s) => s.cohortId));
    // What compareCohorts analyses by default: every round, every cohort with a session.
    const request = {
      study,
      sessions,
      roundKeys: [...new Set(sessions.map((s) => s.roundId ?? ''))],
      cohortIds: study.cohorts.filter((c) => withSessions.has(c.id)).map((c) => c.id),
      permutations,
      seed: 1,
      roundPair: null,
    };
    const t0 = performance.now();
    const result = await analyseInWorker(request);
    const wallMs = performance.now() - t0;
    const same = oneWorker && oneWorker.permutations === permutations ? oneWorker.pValues === pValuesOf(result.comparison.stakeholders) : null;
    return { wallMs, sessions: result.comparison.sessions, stakeholders: result.comparison.stakeholders.length, workers: poolSize(), sameAsOneWorker: same };
  },
};
