import { setImmediate as nextTurn } from 'node:timers/promises';
import { AnalyticsError } from '../../../../analytics/src/index.ts';
import { computeJob } from './compute/index.ts';
import type { Job, JobResult } from './job.ts';

export type ProgressListener = (stage: 'computing' | 'writing', fraction: number) => void;

/** Runs jobs somewhere (worker threads, or in this thread for tools) and stops them on abort. */
export interface JobExecutor {
  run(job: Job, onProgress: ProgressListener, signal: AbortSignal): Promise<JobResult>;
  close(): Promise<void>;
}

/** A statistic refused by the analytics package (its AnalyticsError, carried across threads). */
export class JobFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'JobFailure';
  }
}

export function toJobFailure(err: unknown): JobFailure | null {
  if (err instanceof AnalyticsError) return new JobFailure(err.code, err.message, err.details);
  return null;
}

/** Computes on the calling thread: for command-line tools and benchmarks, never for the server. */
export const inThreadExecutor: JobExecutor = {
  async run(job, onProgress, signal) {
    await nextTurn();
    signal.throwIfAborted();
    try {
      return computeJob(job, onProgress);
    } catch (err) {
      throw toJobFailure(err) ?? err;
    }
  },
  async close() {},
};
