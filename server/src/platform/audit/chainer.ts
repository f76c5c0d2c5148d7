import { sql } from 'kysely';
import type { Db } from '../db/engine.ts';
import { GENESIS_HASH, linkHash } from './hash-chain.ts';

/**
 * Moves pending audit entries into the hash chain, in sequence order, in batches. Writers
 * never wait on the chain: only this step is serialised (one instance at a time, by an
 * advisory lock), so audited writes scale with the database, not with a global lock.
 * Returns how many entries were chained.
 */
export async function chainPending(db: Db, batchSize = 2000): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext('alianza.audit.chain')) as ok`.execute(trx);
    if (!rows[0]?.ok) return 0;
    const pending = await trx
      .deleteFrom('audit_pending')
      .where('seq', 'in', (q) => q.selectFrom('audit_pending').select('seq').orderBy('seq').limit(batchSize))
      .returning('seq')
      .execute();
    if (pending.length === 0) return 0;
    const entries = await trx
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', 'in', pending.map((p) => p.seq))
      .orderBy('seq')
      .execute();
    const head = await trx.selectFrom('audit_chain').select(['position', 'hash']).orderBy('position', 'desc').limit(1).executeTakeFirst();
    let position = head?.position ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const links = entries.map((entry) => {
      position += 1;
      const hash = linkHash(prevHash, position, entry);
      const link = { position, seq: entry.seq, prev_hash: prevHash, hash };
      prevHash = hash;
      return link;
    });
    for (let i = 0; i < links.length; i += 500) {
      await trx.insertInto('audit_chain').values(links.slice(i, i + 500)).execute();
    }
    return links.length;
  });
}

/** Chains continuously until stopped; a failed round is retried on the next tick. */
export function startAuditChainer(db: Db, onError: (err: unknown) => void, intervalMs = 250): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      while (!stopped && (await chainPending(db)) > 0);
    } catch (err) {
      if (!stopped) onError(err);
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick);
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
