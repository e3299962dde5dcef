import { countPlannedTest, type PlannedTest } from '../../../shared/analysis/compareCohorts';
import { permutationCost } from '../../../shared/analysis/permanova';
import { decodeRequest, finishAnalysis, planAnalysis, type EncodedRequest } from './analysisRequest';
import { splitResult, type ResultPart } from './analysisTransport';
import type { AnalysisResult } from './analysisRequest';

/**
 * The comparison runs here, off the UI thread: a permutation test with 9,999 shuffles per
 * stakeholder must never freeze the window. The page starts one worker per core (see
 * useAnalysis). One of them, the lead, is sent each request: it plans the analysis (every
 * statistic but the permutation counts), counts some tests itself and hands the others, one
 * at a time, to the helpers over their MessagePorts, then completes the analysis and sends
 * it to the page in parts. Every count depends on its own test and seed only, so who counts
 * what never changes the result. One request at a time; the page ends the workers when the
 * selection changes before an answer arrives.
 */
export type WorkerRequest =
  /** To the lead, once: a port to each helper. */
  | { type: 'helpers'; ports: MessagePort[] }
  /** To the lead: analyse. */
  | { type: 'analyse'; id: number; request: EncodedRequest }
  /** To a helper, once: the port its counts are asked on. */
  | { type: 'help'; port: MessagePort };
export type WorkerReply =
  /** The result with its points and shifts lists empty; `parts` messages of kind `part` follow. */
  | { id: number; ok: true; kind: 'head'; result: AnalysisResult; parts: number }
  | { id: number; ok: true; kind: 'part'; part: ResultPart[] }
  | { id: number; ok: false; message: string };

/** Lead → helper: count one test. Helper → lead: its count. */
type CountJob = { id: number; index: number; planned: PlannedTest };
type CountReply = { id: number; index: number; count: number };

// The web tsconfig has the DOM library, not the worker one (they clash); only these two are used.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(reply: WorkerReply, transfer?: Transferable[]): void;
};

let helpers: MessagePort[] = [];

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  if (message.type === 'helpers') helpers = message.ports;
  else if (message.type === 'help') serve(message.port);
  else void lead(message.id, message.request);
};

function serve(port: MessagePort): void {
  port.onmessage = (event: MessageEvent<CountJob>) => {
    const { id, index, planned } = event.data;
    const reply: CountReply = { id, index, count: countPlannedTest(planned) };
    port.postMessage(reply);
  };
}

/** A task boundary, so the helpers' replies are read between two counts (a MessageChannel: no timer clamping). */
const tick = new MessageChannel();
const ticks: Array<() => void> = [];
tick.port1.onmessage = () => ticks.shift()?.();
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    ticks.push(resolve);
    tick.port2.postMessage(0);
  });
}

async function lead(id: number, request: EncodedRequest): Promise<void> {
  try {
    const planned = planAnalysis(decodeRequest(request));
    const counts = await countAll(id, planned.plan.tests);
    const { head, messages } = splitResult(finishAnalysis(planned, counts));
    scope.postMessage({ id, ok: true, kind: 'head', result: head, parts: messages.length });
    for (const part of messages) scope.postMessage({ id, ok: true, kind: 'part', part });
  } catch (err) {
    scope.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
}

/**
 * Every test's count, the costliest first (so the last to finish are short ones), shared
 * between this worker and the helpers as each becomes free: a core slowed by another
 * program takes fewer tests instead of holding everyone up.
 */
function countAll(id: number, tests: readonly PlannedTest[]): Promise<number[]> {
  const counts = new Array<number>(tests.length).fill(0);
  const costs = tests.map((t) => permutationCost(t.test));
  const queue = tests.map((_, i) => i).sort((a, b) => costs[b]! - costs[a]! || a - b);
  let done = 0;
  return new Promise<number[]>((resolve, reject) => {
    const finished = () => {
      if (done === tests.length) resolve(counts);
    };
    const give = (port: MessagePort) => {
      const index = queue.shift();
      if (index === undefined) return;
      const planned = tests[index]!;
      const job: CountJob = { id, index, planned };
      // The shuffled values are the helper's from now on: moved, not copied.
      port.postMessage(job, [planned.test.values.buffer]);
    };
    for (const port of helpers) {
      port.onmessage = (event: MessageEvent<CountReply>) => {
        if (event.data.id !== id) return;
        counts[event.data.index] = event.data.count;
        done++;
        give(port);
        finished();
      };
      // Two in hand, so a helper never waits for the lead to answer.
      give(port);
      give(port);
    }
    void (async () => {
      try {
        for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
          counts[index] = countPlannedTest(tests[index]!);
          done++;
          await nextTask();
        }
        finished();
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    })();
  });
}
