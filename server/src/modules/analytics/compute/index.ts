import type { Job, JobResult } from '../job.ts';
import { computeGridCounts, computeH3Counts } from './grid-counts.ts';
import { computeHotspots } from './hotspots.ts';
import { computeKde } from './kde.ts';
import { computeKnox, computeTrends } from './knox-and-trends.ts';
import type { Report } from './output.ts';

/** Runs a job's statistic: pure computation over the job's arrays, no I/O (it runs in a worker thread). */
export function computeJob(job: Job, report: Report): JobResult {
  switch (job.request.statistic) {
    case 'grid':
      return computeGridCounts(job, report);
    case 'h3':
      return computeH3Counts(job, report);
    case 'kde':
      return computeKde(job, report);
    case 'gistar':
    case 'moran':
      return computeHotspots(job, report);
    case 'knox':
      return computeKnox(job, report);
    case 'trends':
      return computeTrends(job, report);
  }
}
