import { runAnalysis, type AnalysisRequest } from './analysisRequest';

/**
 * The comparison runs here, off the UI thread: a permutation test with 9,999 shuffles per
 * stakeholder must never freeze the window. One request at a time; the page terminates
 * the worker when the selection changes before an answer arrives.
 */
export type WorkerRequest = { id: number; request: AnalysisRequest };
export type WorkerReply = { id: number; ok: true; result: ReturnType<typeof runAnalysis> } | { id: number; ok: false; message: string };

// The web tsconfig has the DOM library, not the worker one (they clash); only these two are used.
const scope = self as unknown as { onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null; postMessage(reply: WorkerReply): void };

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const { id, request } = event.data;
  let reply: WorkerReply;
  try {
    reply = { id, ok: true, result: runAnalysis(request) };
  } catch (err) {
    reply = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(reply);
};
