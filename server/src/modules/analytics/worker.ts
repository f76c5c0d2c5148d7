import { parentPort } from 'node:worker_threads';
import { computeJob } from './compute/index.ts';
import { toJobFailure } from './executor.ts';
import { transferablesOf, type Job, type WorkerMessage } from './job.ts';

/**
 * An analysis worker thread: computes one job at a time and posts progress, then the result
 * (its buffers moved, not copied) or the failure. It has no database, network or file access.
 */
const port = parentPort!;
const send = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on('message', (job: Job) => {
  try {
    const result = computeJob(job, (stage, fraction) => send({ type: 'progress', stage, fraction }));
    send({ type: 'done', result }, transferablesOf(result as unknown as Record<string, unknown>));
  } catch (err) {
    const failure = toJobFailure(err);
    send({
      type: 'failed',
      error: failure
        ? { code: failure.code, message: failure.message, details: failure.details }
        : { code: 'INTERNAL', message: err instanceof Error ? (err.stack ?? err.message) : String(err), details: {} },
    });
  }
});
port.postMessage({ type: 'ready' });
