import type { AppContext } from '../../platform/http/context.ts';
import { importJob, STALLED_AFTER_MS } from './import-job.ts';
import { claimStalledRuns } from './run-queries.ts';

/**
 * Queues again the imports whose instance stopped mid-file (a crash, a kill): the import is
 * idempotent, so running the stored file again ends with the rows of an uninterrupted run.
 * Called at start-up and hourly; the claim is atomic, so several instances never double a run.
 */
export async function requeueStalledImports(ctx: AppContext, now = Date.now()): Promise<string[]> {
  const claimed = await claimStalledRuns(ctx.db, new Date(now - STALLED_AFTER_MS));
  for (const { id } of claimed) {
    ctx.logger.warn({ importId: id }, 'import stalled without progress: queued again');
    await ctx.jobs.send(importJob(ctx), { importId: id, locale: ctx.config.defaultLocale });
  }
  return claimed.map((r) => r.id);
}
