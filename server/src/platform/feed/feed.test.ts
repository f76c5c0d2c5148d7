import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupJob } from '../../modules/housekeeping/cleanup-job.ts';
import type { Marking } from '../access/policy.ts';
import { feedAfter, feedHead } from './feed-queries.ts';
import { makeOrg, makeUser } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { waitFor } from '../../../test/wait.ts';

let t: TestPlatform;
let marking: Marking;

beforeAll(async () => {
  t = await startTestPlatform();
  const org = await makeOrg(t.ctx);
  const user = await makeUser(t.ctx, [{ orgId: org.id, role: 'analyst' }]);
  marking = { tlp: 'AMBER', ownerOrgId: org.id, createdBy: user.id, sharingGroupIds: [], recipientUserIds: [] };
});
afterAll(async () => t.stop());

const positionOf = (recordId: string) =>
  waitFor(async () => (await t.ctx.db.selectFrom('operations_feed').select('position').where('record_id', '=', recordId).executeTakeFirst())?.position ?? null, `position of ${recordId}`);

/** A feed row written with a chosen id, as a transaction that took its id early would leave it. */
async function insertWithId(id: number, recordId: string) {
  await sql`insert into operations_feed (id, kind, record_type, record_id, owner_org_id, created_by, tlp)
            values (${id}, 'test.ordered', 'test_record', ${recordId}, ${marking.ownerOrgId}, ${marking.createdBy}, 'AMBER')`.execute(t.ctx.db);
  await sql`select pg_notify('alianza_feed_pending', '')`.execute(t.ctx.db);
}

describe('operations feed', () => {
  it('keeps an event only if its transaction commits', async () => {
    const kept = randomUUID();
    const rolledBack = randomUUID();
    await t.ctx.db.transaction().execute((trx) => t.ctx.feed.publish(trx, { kind: 'test.kept', record: { type: 'test_record', id: kept }, marking, data: { n: 1 } }));
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await t.ctx.feed.publish(trx, { kind: 'test.rolled_back', record: { type: 'test_record', id: rolledBack }, marking });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    const position = await positionOf(kept);
    const [event] = await feedAfter(t.ctx.db, position - 1, 1);
    expect(event).toMatchObject({ position, kind: 'test.kept', recordType: 'test_record', recordId: kept, ownerOrgId: marking.ownerOrgId, tlp: 'AMBER', data: { n: 1 } });
    expect(await t.ctx.db.selectFrom('operations_feed').select('id').where('record_id', '=', rolledBack).execute()).toEqual([]);
  });

  it('orders events by when they became visible, not by the id they took when written', async () => {
    // A transaction that took a low id but committed late must come after one already delivered.
    const { n } = (await sql<{ n: number }>`select nextval('operations_feed_id_seq')::int as n`.execute(t.ctx.db)).rows[0]!;
    const first = randomUUID();
    const late = randomUUID();
    await insertWithId(n + 1000, first);
    const firstPosition = await positionOf(first);
    await insertWithId(n + 500, late);
    const latePosition = await positionOf(late);
    expect(latePosition).toBeGreaterThan(firstPosition);
    expect((await feedHead(t.ctx.db)).position).toBeGreaterThanOrEqual(latePosition);
  });

  it('gives consecutive positions to the events of many transactions, each once', async () => {
    const ids = Array.from({ length: 30 }, () => randomUUID());
    await Promise.all(ids.map((id) => t.ctx.db.transaction().execute((trx) => t.ctx.feed.publish(trx, { kind: 'test.burst', record: { type: 'test_record', id }, marking }))));
    const positions = await Promise.all(ids.map(positionOf));
    expect(new Set(positions).size).toBe(ids.length);
    const sorted = [...positions].sort((a, b) => a - b);
    expect(sorted.at(-1)! - sorted[0]!).toBe(ids.length - 1);
  });

  it('refuses malformed events before they reach the database', async () => {
    const publish = (event: Parameters<typeof t.ctx.feed.publish>[1]) => t.ctx.db.transaction().execute((trx) => t.ctx.feed.publish(trx, event));
    const record = { type: 'test_record', id: randomUUID() };
    await expect(publish({ kind: 'created', record, marking })).rejects.toThrow('<domain>.<event>');
    await expect(publish({ kind: 'test.x', record: { type: 'Test Record', id: record.id }, marking })).rejects.toThrow('snake_case');
    await expect(publish({ kind: 'test.x', record, marking: { ...marking, tlp: 'GREEN', sharingGroupIds: [randomUUID()] } })).rejects.toThrow('only for AMBER');
    await expect(publish({ kind: 'test.x', record, marking: { ...marking, recipientUserIds: [randomUUID()] } })).rejects.toThrow('only for RED');
  });

  it('gives earlier events of a record its new marking', async () => {
    const record = { type: 'test_record', id: randomUUID() };
    await t.ctx.db.transaction().execute((trx) => t.ctx.feed.publish(trx, { kind: 'test.remarked', record, marking }));
    await positionOf(record.id);
    await t.ctx.db.transaction().execute((trx) => t.ctx.feed.remark(trx, record, { ...marking, tlp: 'RED', recipientUserIds: [marking.createdBy!] }));
    const row = await t.ctx.db.selectFrom('operations_feed').select(['tlp', 'recipient_user_ids']).where('record_id', '=', record.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ tlp: 'RED', recipient_user_ids: [marking.createdBy] });
  });

  it('deletes events past retention in the housekeeping job and remembers how far', async () => {
    const old = randomUUID();
    const recent = randomUUID();
    for (const id of [old, recent]) await t.ctx.db.transaction().execute((trx) => t.ctx.feed.publish(trx, { kind: 'test.retained', record: { type: 'test_record', id }, marking }));
    const oldPosition = await positionOf(old);
    await positionOf(recent);
    await sql`update operations_feed set created_at = now() - interval '8 days' where position <= ${oldPosition}`.execute(t.ctx.db);
    await cleanupJob(t.ctx.db, { feedRetentionDays: 7 }).handle({ reason: 'test' });
    const left = (await t.ctx.db.selectFrom('operations_feed').select('record_id').where('record_id', 'in', [old, recent]).execute()).map((r) => r.record_id);
    expect(left).toEqual([recent]);
    expect((await feedHead(t.ctx.db)).truncatedThrough).toBeGreaterThanOrEqual(oldPosition);
  });
});
