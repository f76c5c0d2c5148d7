import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { api, makeOrg, makeToken, makeUser } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { chainPending } from './chainer.ts';
import { verifyAuditChain } from './verify.ts';

let t: TestPlatform;
let token: string;
let auditorToken: string;

/** Tampering as a database superuser would: with the append-only triggers switched off. */
async function tamper(statement: ReturnType<typeof sql>) {
  await sql`alter table audit_log disable trigger audit_log_append_only`.execute(t.ctx.db);
  await sql`alter table audit_chain disable trigger audit_chain_append_only`.execute(t.ctx.db);
  try {
    await statement.execute(t.ctx.db);
  } finally {
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(t.ctx.db);
    await sql`alter table audit_chain enable trigger audit_chain_append_only`.execute(t.ctx.db);
  }
}

async function writeNotes(n: number) {
  for (let i = 0; i < n; i++) {
    const r = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: { tlp: 'GREEN', title: `entry ${i}`, body: 'text' }, auth: { token } });
    expect(r.statusCode).toBe(201);
  }
  while ((await chainPending(t.ctx.db)) > 0);
}

const lastSeqs = async (n: number) =>
  (await t.ctx.db.selectFrom('audit_chain').select(['seq', 'position']).orderBy('position', 'desc').limit(n).execute()).reverse();

beforeAll(async () => {
  t = await startTestPlatform({ auditChainer: false }); // the tests chain explicitly, with no concurrent chainer
  const org = await makeOrg(t.ctx);
  const oversight = await makeOrg(t.ctx, { type: 'oversight_body' });
  token = await makeToken(t.ctx, (await makeUser(t.ctx, [{ orgId: org.id, role: 'analyst' }])).id);
  auditorToken = await makeToken(t.ctx, (await makeUser(t.ctx, [{ orgId: oversight.id, role: 'auditor' }])).id, ['read', 'audit']);
});
afterAll(async () => t.stop());

describe('audit log', () => {
  it('records every write with actor, organisation, request id and a diff with secrets masked', async () => {
    const r = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: { tlp: 'GREEN', title: 'Ruta nueva', body: 'token=abc' }, auth: { token } });
    const entry = await t.ctx.db.selectFrom('audit_log').selectAll().where('record_id', '=', r.data.id).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'create', record_type: 'note', actor_user_id: r.data.createdBy, actor_org_id: r.data.ownerOrgId, request_id: r.headers['x-request-id'] });
    expect(entry.diff).toMatchObject({ after: { title: 'Ruta nueva', tlp: 'GREEN' } });
    const user = await makeUser(t.ctx, []);
    const created = await t.ctx.db.selectFrom('audit_log').select('diff').where('record_id', '=', user.id).where('action', '=', 'create').executeTakeFirstOrThrow();
    expect(JSON.stringify(created.diff)).not.toContain('a long test passphrase');
    expect(created.diff).toMatchObject({ after: { password: '***' } });
  });

  it('records every one of many concurrent restricted reads (reads are group-committed)', async () => {
    const note = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: { tlp: 'AMBER', title: 'concurrida' }, auth: { token } });
    const responses = await Promise.all(Array.from({ length: 40 }, () => api(t.app, { url: `/api/v1/notes/${note.data.id}`, auth: { token } })));
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    const reads = await t.ctx.db.selectFrom('audit_log').select('request_id').where('record_id', '=', note.data.id).where('action', '=', 'read').execute();
    expect(new Set(reads.map((r) => r.request_id))).toEqual(new Set(responses.map((r) => r.headers['x-request-id'])));
  });

  it('is searchable by oversight auditors and by nobody else', async () => {
    const r = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: { tlp: 'GREEN', title: 'buscable' }, auth: { token } });
    const found = await api(t.app, { url: `/api/v1/audit?recordType=note&recordId=${r.data.id}`, auth: { token: auditorToken } });
    expect(found.statusCode).toBe(200);
    expect(found.data.items).toHaveLength(1);
    expect(found.data.items[0].action).toBe('create');
    expect((await api(t.app, { url: '/api/v1/audit', auth: { token } })).statusCode).toBe(403);
  });

  it('verifies as intact after ordinary activity', async () => {
    await writeNotes(5);
    const report = await verifyAuditChain(t.ctx.db);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.links).toBeGreaterThan(5);
    const viaApi = await api(t.app, { url: '/api/v1/audit/verify', auth: { token: auditorToken } });
    expect(viaApi.data.ok).toBe(true);
  });
});

describe('audit chain tampering is detected', () => {
  // Each case starts from a fresh, intact chain so that no case depends on another.
  beforeEach(async () => {
    await tamper(sql`delete from audit_chain`);
    await tamper(sql`delete from audit_log`);
    await sql`delete from audit_pending`.execute(t.ctx.db);
    await writeNotes(4);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('an altered entry', async () => {
    const [, target] = await lastSeqs(2);
    await tamper(sql`update audit_log set action = 'read' where seq = ${target!.seq}`);
    const report = await verifyAuditChain(t.ctx.db);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({ kind: 'altered', position: target!.position, seq: target!.seq });
  });

  it('a deleted entry', async () => {
    const [, target] = await lastSeqs(2);
    await tamper(sql`delete from audit_log where seq = ${target!.seq}`);
    const report = await verifyAuditChain(t.ctx.db);
    expect(report.problems).toContainEqual({ kind: 'missing_entry', position: target!.position, seq: target!.seq });
  });

  it('an inserted entry', async () => {
    await tamper(sql`insert into audit_log (action, record_type, record_id) values ('delete', 'note', 'forged')`);
    const report = await verifyAuditChain(t.ctx.db);
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'unchained_entry' }));
  });

  it('reordered entries', async () => {
    const [a, b] = await lastSeqs(2);
    await tamper(sql`update audit_chain set seq = -1 where position = ${a!.position}`);
    await tamper(sql`update audit_chain set seq = ${a!.seq} where position = ${b!.position}`);
    await tamper(sql`update audit_chain set seq = ${b!.seq} where position = ${a!.position}`);
    const report = await verifyAuditChain(t.ctx.db);
    expect(report.problems.filter((p) => p.kind === 'altered').map((p) => ('position' in p ? p.position : 0))).toEqual([a!.position, b!.position]);
  });

  it('a link removed from the middle of the chain', async () => {
    const [, middle] = await lastSeqs(3);
    await tamper(sql`delete from audit_chain where position = ${middle!.position}`);
    const kinds = (await verifyAuditChain(t.ctx.db)).problems.map((p) => p.kind);
    expect(kinds).toEqual(expect.arrayContaining(['position_gap', 'broken_link', 'unchained_entry']));
  });
});
