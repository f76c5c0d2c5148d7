import { z } from 'zod';
import { purgeExpiredThrottles } from '../../platform/auth/throttle.ts';
import type { Db } from '../../platform/db/engine.ts';
import type { JobDefinition } from '../../platform/jobs/job-queue.ts';
import { deleteExpiredSessions } from '../auth/queries.ts';

/** Removes expired sessions and stale login counters. */
export const cleanupJob = (db: Db): JobDefinition<z.ZodObject<{ reason: z.ZodString }>> => ({
  name: 'housekeeping.cleanup',
  payload: z.object({ reason: z.string() }),
  async handle() {
    await deleteExpiredSessions(db);
    await purgeExpiredThrottles(db);
  },
});
