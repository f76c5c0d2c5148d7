import { sql } from 'kysely';
import type { Db } from '../db/engine.ts';
import { AppError } from '../errors/app-error.ts';

export interface ThrottleRule {
  key: string;
  maxFailures: number;
}

const WINDOW = '15 minutes';
const LOCK_SECONDS = 15 * 60;

/**
 * Failed-attempt counters in the database, so every instance enforces the same limits.
 * Rejects with 429 and Retry-After while any of the keys is locked.
 */
export async function assertNotThrottled(db: Db, rules: ThrottleRule[]): Promise<void> {
  const locked = await db
    .selectFrom('login_throttle')
    .select(sql<number>`ceil(extract(epoch from max(locked_until) - now()))`.as('seconds'))
    .where('key', 'in', rules.map((r) => r.key))
    .where('locked_until', '>', sql<Date>`now()`)
    .executeTakeFirst();
  const seconds = Number(locked?.seconds ?? 0);
  if (seconds > 0) throw new AppError('TOO_MANY_REQUESTS', { seconds }, [], { retryAfterSeconds: seconds });
}

export async function recordFailure(db: Db, rules: ThrottleRule[]): Promise<void> {
  for (const rule of rules) {
    await sql`
      insert into login_throttle (key, failures, window_started_at, locked_until)
      values (${rule.key}, 1, now(), case when 1 >= ${rule.maxFailures} then now() + make_interval(secs => ${LOCK_SECONDS}) end)
      on conflict (key) do update set
        failures = case when login_throttle.window_started_at < now() - ${WINDOW}::interval then 1 else login_throttle.failures + 1 end,
        window_started_at = case when login_throttle.window_started_at < now() - ${WINDOW}::interval then now() else login_throttle.window_started_at end,
        locked_until = case
          when (case when login_throttle.window_started_at < now() - ${WINDOW}::interval then 1 else login_throttle.failures + 1 end) >= ${rule.maxFailures}
          then now() + make_interval(secs => ${LOCK_SECONDS}) else login_throttle.locked_until end`.execute(db);
  }
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

export async function purgeExpiredThrottles(db: Db): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('window_started_at', '<', sql<Date>`now() - ${WINDOW}::interval`)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
    .execute();
}
