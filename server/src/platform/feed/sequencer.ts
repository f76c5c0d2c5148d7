import { sql } from 'kysely';
import type { Db, Engine } from '../db/engine.ts';
import { FEED_CHANNEL, FEED_PENDING_CHANNEL } from './feed-event.ts';

/**
 * Gives committed, unsequenced feed rows their positions, in one transaction under an advisory
 * lock, so that only one sequencer in the whole deployment assigns positions at a time and
 * each batch becomes visible only after the previous one: positions appear in increasing
 * order, whatever order the writers committed in (migration 0013 explains why ids cannot
 * serve). Announces the new head on FEED_CHANNEL at commit. Returns how many rows it
 * sequenced, or null when another instance holds the lock.
 */
export async function sequencePending(db: Db, batchSize = 1000): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext('alianza.feed.sequence')) as ok`.execute(trx);
    if (!rows[0]?.ok) return null;
    const pending = await trx.selectFrom('operations_feed').select('id').where('position', 'is', null).orderBy('id').limit(batchSize).execute();
    if (pending.length === 0) return 0;
    const { position: head } = await trx
      .updateTable('operations_feed_head')
      .set((eb) => ({ position: eb('position', '+', pending.length) }))
      .returning('position')
      .executeTakeFirstOrThrow();
    const before = head - pending.length;
    const ids = `{${pending.map((p) => p.id).join(',')}}`;
    await sql`
      with numbered as (select id, ord from unnest(cast(${ids} as bigint[])) with ordinality as u(id, ord)),
           placed as (update operations_feed f set position = ${before} + numbered.ord from numbered where f.id = numbered.id returning f.position)
      select pg_notify(${FEED_CHANNEL}, ${String(head)}), (select count(*) from placed) as placed`.execute(trx);
    return pending.length;
  });
}

const BATCH_SIZE = 1000;

/**
 * Runs the sequencer in this instance whenever a writer commits (NOTIFY), and every
 * `sweepMs` in case a wake-up was lost. A wake-up during a run makes the run go round again,
 * so a row committed while another instance held the lock is picked up by whichever instance
 * runs next: every instance hears every wake-up.
 */
export class FeedSequencer {
  #running = false;
  #again = false;
  #stopped = false;
  #timer: NodeJS.Timeout | null = null;
  #unlisten: (() => Promise<void>) | null = null;
  #idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly engine: Engine,
    private readonly onError: (err: unknown) => void,
    private readonly sweepMs = 1000,
  ) {}

  async start(): Promise<void> {
    this.#unlisten = await this.engine.listen(FEED_PENDING_CHANNEL, () => this.wake(), () => this.wake());
    this.#timer = setInterval(() => this.wake(), this.sweepMs);
    this.#timer.unref();
    this.wake();
  }

  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    this.#idle = this.#run().finally(() => {
      this.#running = false;
    });
  }

  async #run(): Promise<void> {
    do {
      this.#again = false;
      try {
        // A full batch may have left more behind; a partial one left none that had committed.
        while (!this.#stopped && (await sequencePending(this.engine.db, BATCH_SIZE)) === BATCH_SIZE);
      } catch (err) {
        if (!this.#stopped) this.onError(err);
      }
    } while (this.#again && !this.#stopped);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#unlisten?.();
    await this.#idle;
  }
}
