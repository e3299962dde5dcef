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
    const counting = new Counting(id);
    // The helpers start on the first tests while the lead plans the rest.
    const planned = planAnalysis(decodeRequest(request), (test, index) => counting.early(test, index));
    const counts = await counting.all(planned.plan.tests);
    const { head, messages } = splitResult(finishAnalysis(planned, counts));
    scope.postMessage({ id, ok: true, kind: 'head', result: head, parts: messages.length });
    for (const part of messages) scope.postMessage({ id, ok: true, kind: 'part', part });
  } catch (err) {
    scope.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
}

/**
 * While planning, each helper is given tests as they are planned, up to this many in hand:
 * about as much counting as the lead's planning takes (at 1,000 × 40 each count is ~25 ms,
 * planning ~100 ms), so no helper waits for the plan and none is left holding a long queue.
 */
const EARLY_IN_HAND = 4;

/**
 * Every test's count of one request, shared between this worker and the helpers: first the
 * tests handed out while they are planned (`early`), then the rest, the costliest first (so
 * the last to finish are short ones), to whoever is free — a core slowed by another program
 * takes fewer tests instead of holding everyone up.
 */
class Counting {
  private readonly given = new Set<number>();
  private readonly inHand = new Map<MessagePort, number>();
  private readonly counts = new Map<number, number>();
  private queue: Array<{ index: number; planned: PlannedTest }> = [];
  private onReply: ((port: MessagePort) => void) | null = null;

  constructor(private readonly id: number) {
    for (const port of helpers) {
      this.inHand.set(port, 0);
      port.onmessage = (event: MessageEvent<CountReply>) => {
        if (event.data.id !== this.id) return;
        this.counts.set(event.data.index, event.data.count);
        this.inHand.set(port, this.inHand.get(port)! - 1);
        this.onReply?.(port);
      };
    }
  }

  /** A test just planned: to the helper with the fewest in hand, if one has room. */
  early(planned: PlannedTest, index: number): void {
    let port: MessagePort | null = null;
    for (const [p, n] of this.inHand) if (n < EARLY_IN_HAND && (port === null || n < this.inHand.get(port)!)) port = p;
    if (port) this.give(port, index, planned);
  }

  all(tests: readonly PlannedTest[]): Promise<number[]> {
    const costs = tests.map((t) => permutationCost(t.test));
    this.queue = tests
      .map((planned, index) => ({ index, planned }))
      .filter((job) => !this.given.has(job.index))
      .sort((a, b) => costs[b.index]! - costs[a.index]! || a.index - b.index);
    return new Promise<number[]>((resolve, reject) => {
      const finished = () => {
        if (this.counts.size === tests.length) resolve(tests.map((_, i) => this.counts.get(i)!));
      };
      // Two in hand, so a helper never waits for the lead to answer.
      const topUp = (port: MessagePort) => {
        while (this.inHand.get(port)! < 2 && this.queue.length > 0) {
          const job = this.queue.shift()!;
          this.give(port, job.index, job.planned);
        }
      };
      this.onReply = (port) => {
        topUp(port);
        finished();
      };
      for (const port of helpers) topUp(port);
      void (async () => {
        try {
          for (let job = this.queue.shift(); job !== undefined; job = this.queue.shift()) {
            this.counts.set(job.index, countPlannedTest(job.planned));
            await nextTask();
          }
          finished();
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      })();
    });
  }

  private give(port: MessagePort, index: number, planned: PlannedTest): void {
    this.given.add(index);
    this.inHand.set(port, this.inHand.get(port)! + 1);
    const job: CountJob = { id: this.id, index, planned };
    // The shuffled values are the helper's from now on: moved, not copied.
    port.postMessage(job, [planned.test.values.buffer]);
  }
}
