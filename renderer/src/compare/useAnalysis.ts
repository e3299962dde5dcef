import { startTransition, useEffect, useState } from 'react';
import type { WorkerReply, WorkerRequest } from './analysis.worker';
import { encodeRequest, requestKey, type AnalysisRequest, type AnalysisResult } from './analysisRequest';
import { joinResult, type ResultPart } from './analysisTransport';

/**
 * Runs the analysis in Web Workers (one per core, see poolSize) and caches results per
 * selection. Only the latest request matters: when the selection changes while the workers
 * are busy, they are ended and fresh ones take the new request, so a long permutation test for a
 * selection nobody looks at any more never delays the one on screen.
 */

/** Results kept for selections seen recently (switching filters back is instant). */
const CACHE_LIMIT = 24;
const cache = new Map<string, { studyId: string; result: AnalysisResult }>();

function remember(key: string, studyId: string, result: AnalysisResult): void {
  cache.delete(key);
  cache.set(key, { studyId, result });
  while (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
}

/** The result computed most recently for a study, shown (dimmed) while a new one computes. */
function latestFor(studyId: string): AnalysisResult | null {
  let latest: AnalysisResult | null = null;
  for (const entry of cache.values()) if (entry.studyId === studyId) latest = entry.result;
  return latest;
}

/** For tests: forget every cached result. */
export function clearAnalysisCache(): void {
  cache.clear();
}

/** Requests the worker has answered since the page loaded (tests read it to see the cache work). */
export const workerStats = { runs: 0 };

/**
 * For tests: hold the worker's replies until `release()` is called, so that a test can act
 * while an analysis is in progress without racing the worker (which may finish a small job
 * before a click arrives, or a large one long after, depending on the machine's load).
 */
let held: Array<() => void> | null = null;
export function holdAnalysisReplies(): { release(): void } {
  held = [];
  return {
    release() {
      const queue = held ?? [];
      held = null;
      for (const deliver of queue) deliver();
    },
  };
}

/**
 * Workers: one per core, at most four (the permutation counts of 40 stakeholders spread
 * well over that many; more would only cost memory). The first leads (see analysis.worker).
 */
export function poolSize(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 0;
  return Math.max(1, Math.min(4, Number.isFinite(cores) && cores > 0 ? Math.floor(cores) : 2));
}

let pool: Worker[] | null = null;
let nextId = 1;
let pending: {
  id: number;
  resolve: (r: AnalysisResult) => void;
  reject: (e: Error) => void;
  head: AnalysisResult | null;
  parts: ResultPart[][];
  expected: number;
} | null = null;

function newWorker(): Worker {
  return new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
}

function endPool(): void {
  for (const w of pool ?? []) w.terminate();
  pool = null;
}

function startPool(): Worker[] {
  const lead = newWorker();
  const helpers = Array.from({ length: poolSize() - 1 }, newWorker);
  const ports = helpers.map((helper) => {
    const channel = new MessageChannel();
    const message: WorkerRequest = { type: 'help', port: channel.port2 };
    helper.postMessage(message, [channel.port2]);
    return channel.port1;
  });
  const message: WorkerRequest = { type: 'helpers', ports };
  lead.postMessage(message, ports);
  lead.onmessage = (event: MessageEvent<WorkerReply>) => {
    // Each message is read in its own task: the result comes in parts of a few milliseconds each.
    const reply = event.data;
    const p = pending;
    if (!p || p.id !== reply.id) return;
    if (!reply.ok) {
      pending = null;
      return deliver(() => p.reject(new Error(reply.message)));
    }
    if (reply.kind === 'head') {
      p.head = reply.result;
      p.expected = reply.parts;
    } else p.parts.push(reply.part);
    if (p.head && p.parts.length === p.expected) {
      pending = null;
      const result = joinResult(p.head, p.parts);
      deliver(() => {
        workerStats.runs++;
        p.resolve(result);
      });
    }
  };
  const failed = (event: ErrorEvent) => {
    event.preventDefault();
    const p = pending;
    pending = null;
    endPool();
    p?.reject(new Error(event.message || 'The analysis worker failed to start.'));
  };
  lead.onerror = failed;
  for (const helper of helpers) helper.onerror = failed;
  return [lead, ...helpers];
}

function deliver(settle: () => void): void {
  if (held) held.push(settle);
  else settle();
}

/** Thrown to a request that a newer one replaced. */
class Superseded extends Error {}

/** Run one analysis in the workers; a request still running is abandoned. */
export function analyseInWorker(request: AnalysisRequest): Promise<AnalysisResult> {
  if (pending) {
    // Ending the workers is the only way to stop a computation in progress.
    pending.reject(new Superseded('superseded'));
    pending = null;
    endPool();
  }
  pool ??= startPool();
  const id = nextId++;
  // Typed arrays, transferred: the page's thread never structured-clones the sessions.
  const { request: encoded, transfer } = encodeRequest(request);
  const message: WorkerRequest = { type: 'analyse', id, request: encoded };
  return new Promise<AnalysisResult>((resolve, reject) => {
    pending = { id, resolve, reject, head: null, parts: [], expected: 0 };
    pool![0]!.postMessage(message, transfer);
  });
}

export type AnalysisState =
  | { status: 'computing'; result: AnalysisResult | null }
  | { status: 'ready'; result: AnalysisResult }
  | { status: 'error'; result: AnalysisResult | null; message: string };

/**
 * The analysis of a request: `computing` (with the study's previous result, if any, so the
 * view stays in place), then `ready`. A null request (nothing selected) gives null.
 */
export function useAnalysis(request: AnalysisRequest | null): { state: AnalysisState | null; retry: () => void } {
  const key = request ? requestKey(request) : null;
  const [failure, setFailure] = useState<{ key: string; message: string } | null>(null);
  const [, setAnswered] = useState(0);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!request || key === null || cache.has(key)) return;
    let live = true;
    const studyId = request.study.id;
    analyseInWorker(request).then(
      (result) => {
        remember(key, studyId, result);
        // A transition: the results (table, centroids, ellipses) render in slices, so their
        // arrival is not one long main-thread task (issue 14).
        if (live) startTransition(() => setAnswered((n) => n + 1));
      },
      (err: unknown) => {
        if (live && !(err instanceof Superseded)) setFailure({ key, message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => {
      live = false;
    };
    // The key captures everything of the request that matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);

  const retry = () => {
    setFailure(null);
    setAttempt((n) => n + 1);
  };
  if (!request || key === null) return { state: null, retry };
  const hit = cache.get(key);
  if (hit) return { state: { status: 'ready', result: hit.result }, retry };
  const previous = latestFor(request.study.id);
  if (failure?.key === key) return { state: { status: 'error', result: previous, message: failure.message }, retry };
  return { state: { status: 'computing', result: previous }, retry };
}
