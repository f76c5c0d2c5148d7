import { z } from 'zod';
import { purgeExpiredThrottles } from '../../platform/auth/throttle.ts';
import type { Db } from '../../platform/db/engine.ts';
import { purgeFeed } from '../../platform/feed/feed-queries.ts';
import type { JobDefinition } from '../../platform/jobs/job-queue.ts';
import { deleteExpiredSessions } from '../auth/queries.ts';

/** Removes expired sessions, stale login counters and operations-feed events past retention. */
export const cleanupJob = (db: Db, options: { feedRetentionDays?: number } = {}): JobDefinition<z.ZodObject<{ reason: z.ZodString }>> => ({
  name: 'housekeeping.cleanup',
  payload: z.object({ reason: z.string() }),
  async handle() {
    await deleteExpiredSessions(db);
    await purgeExpiredThrottles(db);
    await purgeFeed(db, options.feedRetentionDays ?? 7);
  },
});
