import { sql } from 'kysely';
import type { Db } from '../db/engine.ts';
import { GENESIS_HASH, linkHash } from './hash-chain.ts';

export type ChainProblem =
  | { kind: 'altered'; position: number; seq: number }
  | { kind: 'broken_link'; position: number }
  | { kind: 'position_gap'; expected: number; found: number }
  | { kind: 'missing_entry'; position: number; seq: number }
  | { kind: 'unchained_entry'; seq: number };

export interface VerifyReport {
  ok: boolean;
  links: number;
  pending: number;
  headHash: string;
  problems: ChainProblem[];
}

/**
 * Walks the chain in position order and recomputes every link. Detects an altered entry
 * (hash mismatch), a deleted entry (link without entry) or link (gap, broken link), an
 * inserted entry (in the log but neither chained nor pending) and reordering (hash mismatch).
 */
export async function verifyAuditChain(db: Db, pageSize = 5000, maxProblems = 100): Promise<VerifyReport> {
  const problems: ChainProblem[] = [];
  let expectedPosition = 1;
  let prevHash = GENESIS_HASH;
  let links = 0;
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_chain as c')
      .leftJoin('audit_log as a', 'a.seq', 'c.seq')
      .select([
        'c.position', 'c.seq as link_seq', 'c.prev_hash', 'c.hash', 'a.seq', 'a.at', 'a.actor_user_id',
        'a.actor_org_id', 'a.action', 'a.record_type', 'a.record_id', 'a.request_id', 'a.diff',
      ])
      .where('c.position', '>', after)
      .orderBy('c.position')
      .limit(pageSize)
      .execute();
    for (const link of page) {
      links += 1;
      if (link.position !== expectedPosition) problems.push({ kind: 'position_gap', expected: expectedPosition, found: link.position });
      if (link.prev_hash !== prevHash) problems.push({ kind: 'broken_link', position: link.position });
      if (link.seq === null) {
        problems.push({ kind: 'missing_entry', position: link.position, seq: link.link_seq });
      } else if (linkHash(link.prev_hash, link.position, { ...link, seq: link.seq, at: link.at!, action: link.action!, record_type: link.record_type! }) !== link.hash) {
        problems.push({ kind: 'altered', position: link.position, seq: link.seq });
      }
      prevHash = link.hash;
      expectedPosition = link.position + 1;
      after = link.position;
      if (problems.length >= maxProblems) break;
    }
    if (page.length < pageSize || problems.length >= maxProblems) break;
  }
  const unchained = await sql<{ seq: number }>`
    select a.seq from audit_log a
    where not exists (select 1 from audit_chain c where c.seq = a.seq)
      and not exists (select 1 from audit_pending p where p.seq = a.seq)
    order by a.seq limit ${maxProblems}`.execute(db);
  for (const row of unchained.rows) problems.push({ kind: 'unchained_entry', seq: row.seq });
  const pending = await db.selectFrom('audit_pending').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { ok: problems.length === 0, links, pending: Number(pending.n), headHash: prevHash, problems };
}
