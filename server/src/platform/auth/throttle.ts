import { sql } from 'kysely';
import type { Db } from '../db/engine.ts';
import { AppError } from '../errors/app-error.ts';

export interface ThrottleRule {
  key: string;
  /** Attempts allowed per window; the next one is refused and locks the key. */
  maxFailures: number;
}

const WINDOW = '15 minutes';
const LOCK_SECONDS = 15 * 60;

/**
 * Counts an attempt against every key before the password is checked, atomically, so that
 * parallel attempts cannot slip past the limit between a check and a later update. Rejects
 * with 429 and Retry-After when a key is locked or this attempt exceeds its limit (which
 * locks it). A successful login gives its attempt back with `attemptSucceeded`.
 */
export async function reserveAttempt(db: Db, rules: ThrottleRule[]): Promise<void> {
  let retryAfter = 0;
  for (const rule of rules) {
    const { rows } = await sql<{ failures: number; seconds: number | null }>`
      insert into login_throttle (key, failures, window_started_at, locked_until)
      values (${rule.key}, 1, now(), null)
      on conflict (key) do update set
        failures = case when login_throttle.window_started_at < now() - ${WINDOW}::interval then 1 else login_throttle.failures + 1 end,
        window_started_at = case when login_throttle.window_started_at < now() - ${WINDOW}::interval then now() else login_throttle.window_started_at end,
        locked_until = case
          when login_throttle.locked_until > now() then login_throttle.locked_until
          when (case when login_throttle.window_started_at < now() - ${WINDOW}::interval then 1 else login_throttle.failures + 1 end) > ${rule.maxFailures}
          then now() + make_interval(secs => ${LOCK_SECONDS})
        end
      returning failures, ceil(extract(epoch from locked_until - now()))::int as seconds`.execute(db);
    retryAfter = Math.max(retryAfter, Number(rows[0]?.seconds ?? 0));
  }
  if (retryAfter > 0) throw new AppError('TOO_MANY_REQUESTS', { seconds: retryAfter }, [], { retryAfterSeconds: retryAfter });
}

/** After a successful login: the account starts afresh; the address gets its attempt back. */
export async function attemptSucceeded(db: Db, accountKey: string, addressKey: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', accountKey).execute();
  await db
    .updateTable('login_throttle')
    .set({ failures: sql<number>`greatest(failures - 1, 0)` })
    .where('key', '=', addressKey)
    .where('locked_until', 'is', null)
    .execute();
}

export async function purgeExpiredThrottles(db: Db): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('window_started_at', '<', sql<Date>`now() - ${WINDOW}::interval`)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', sql<Date>`now()`)]))
    .execute();
}
