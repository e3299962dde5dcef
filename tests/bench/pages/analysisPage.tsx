/**
 * compareCohorts in a Web Worker, the way a renderer runs it: the study and sessions
 * are posted (structured clone on the main thread), the worker analyses, the result is
 * posted back. Driven from Node through window.__analysis.run(), which resolves with the
 * wall time from posting to receiving the result. Long tasks on the main thread
 * meanwhile are recorded by the probe.
 */
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';

declare global {
  interface Window {
    __analysis: { load(): Promise<void>; run(permutations: number): Promise<{ wallMs: number; sessions: number; stakeholders: number }> };
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
      worker.onmessage = (e: MessageEvent<{ ok: boolean; sessions: number; stakeholders: number; error?: string }>) => {
        const wallMs = performance.now() - t0;
        if (e.data.ok) resolve({ wallMs, sessions: e.data.sessions, stakeholders: e.data.stakeholders });
        else reject(new Error(e.data.error));
      };
      worker.postMessage({ study: payload.study, sessions: payload.sessions, permutations });
    });
  },
};
