import { parentPort } from 'node:worker_threads';
import { compareCohorts } from '../../../shared/analysis/compareCohorts';
import type { Session } from '../../../shared/model/session';
import type { Study } from '../../../shared/model/study';

/** The benchmark's Node worker: compareCohorts on what it is sent, the whole result back. */
parentPort!.on('message', (msg: { study: Study; sessions: Session[]; permutations: number }) => {
  const result = compareCohorts(msg.study, msg.sessions, { permutations: msg.permutations });
  parentPort!.postMessage({ sessions: result.sessions, stakeholders: result.stakeholders.length, result });
});
parentPort!.postMessage('ready');
