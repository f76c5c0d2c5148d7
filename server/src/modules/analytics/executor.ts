import { AnalyticsError } from '../../../../analytics/src/index.ts';
import type { Job, JobResult } from './job.ts';

export type ProgressListener = (stage: 'computing' | 'writing', fraction: number) => void;

/**
 * Runs jobs off the event loop (the worker pool) and stops them on abort.
 * `job` is called once there is room to compute it, so a waiting run holds no selected data.
 */
export interface JobExecutor {
  run(job: () => Promise<Job>, onProgress: ProgressListener, signal: AbortSignal): Promise<JobResult>;
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
