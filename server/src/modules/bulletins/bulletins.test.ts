import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/db/schema.ts';
import { createSharingGroup } from '../sharing-groups/service.ts';
import { api, makeOrg, makeToken, makeUser } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { SseClient } from '../../../test/sse.ts';

let t: TestPlatform;
let base: string;
let own: string;
let partner: string;
let other: string;
let groupId: string;
const tokens = new Map<string, { token: string; userId: string }>();

/** A signed-in person of `orgId` with `role`, by label (e.g. analyst@own). */
async function person(label: string, orgId: string, role: Role) {
  const user = await makeUser(t.ctx, [{ orgId, role }]);
  tokens.set(label, { token: await makeToken(t.ctx, user.id, ['read', 'write']), userId: user.id });
}
const auth = (label: string) => ({ token: tokens.get(label)!.token });
const as = (label: string) => ({
  get: (url: string) => api(t.app, { url, auth: auth(label) }),
  post: (url: string, body: object) => api(t.app, { method: 'POST', url, body, auth: auth(label), headers: { 'accept-language': 'en' } }),
});

const ROUTE = { type: 'LineString' as const, coordinates: [[-70.4, -33.4], [-70.2, -33.1], [-69.9, -32.9]] };
const amberBulletin = (overrides: object = {}) => ({
  tlp: 'AMBER', kind: 'route', title: 'New route through the pass', body: 'Trucks cross at night with forged manifests.', area: ROUTE, sharingGroupIds: [groupId], ...overrides,
});

beforeAll(async () => {
  t = await startTestPlatform();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  own = (await makeOrg(t.ctx, { name: `Issuing agency ${randomUUID().slice(0, 6)}` })).id;
  partner = (await makeOrg(t.ctx, { type: 'prosecutor', name: `Partner prosecutor ${randomUUID().slice(0, 6)}` })).id;
  other = (await makeOrg(t.ctx, { type: 'ngo' })).id;
  groupId = (await createSharingGroup(t.ctx, systemActor(), { name: `Border task force ${randomUUID().slice(0, 6)}`, description: '', ownerOrgId: own, memberOrgIds: [partner] })).id;
  for (const [label, org, role] of [
    ['analyst@own', own, 'analyst'], ['coordinator@own', own, 'coordinator'], ['officer@own', own, 'officer'], ['member@own', own, 'member'],
    ['analyst@partner', partner, 'analyst'], ['officer@partner', partner, 'officer'], ['viewer@partner', partner, 'viewer'], ['analyst@other', other, 'analyst'],
  ] as const) await person(label, org, role);
});
afterAll(async () => t.stop());

describe('issuing bulletins', () => {
  it('lets analysts and coordinators issue for their organisation, to their task forces', async () => {
    const created = await as('analyst@own').post('/api/v1/bulletins', amberBulletin());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.data).toMatchObject({
      ownerOrgId: own, tlp: 'AMBER', kind: 'route', area: ROUTE, status: 'active', sharingGroupIds: [groupId], acknowledgedAt: null, canTrack: true, validUntil: null,
    });
    expect((await as('coordinator@own').post('/api/v1/bulletins', amberBulletin({ kind: 'alert' }))).statusCode).toBe(201);
    expect((await as('officer@own').post('/api/v1/bulletins', amberBulletin())).statusCode).toBe(403);
    expect((await as('member@own').post('/api/v1/bulletins', amberBulletin())).statusCode).toBe(403);
    const outsider = await as('analyst@other').post('/api/v1/bulletins', amberBulletin({ ownerOrgId: own }));
    expect(outsider.statusCode).toBe(400);
    expect(outsider.data.error.details[0].field).toBe('ownerOrgId');
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_org_id', 'diff']).where('record_id', '=', created.data.id).execute();
    expect(audit).toEqual([{ action: 'create', actor_org_id: own, diff: { after: expect.objectContaining({ title: 'New route through the pass', tlp: 'AMBER' }) } }]);
  });

  it('refuses incoherent bulletins with localized field errors and writes nothing', async () => {
    const bowtie = { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] };
    const cases: [object, string, string][] = [
      [{ validFrom: '2026-05-02T00:00:00Z', validUntil: '2026-05-01T00:00:00Z' }, 'validUntil', 'bulletins.until_before_from'],
      [{ area: bowtie }, 'area', 'geojson.invalid_geometry'],
      [{ tlp: 'GREEN' }, 'sharingGroupIds', 'groups_only_for_amber'],
      [{ sharingGroupIds: [randomUUID()] }, 'sharingGroupIds.0', 'unknown_reference'],
      [{ kind: 'rumour' }, 'kind', 'invalid_value'],
      [{ title: '' }, 'title', 'required'],
    ];
    const title = `refused ${randomUUID()}`;
    for (const [change, field, code] of cases) {
      const r = await as('analyst@own').post('/api/v1/bulletins', amberBulletin({ title, ...change }));
      expect(r.statusCode, JSON.stringify(change)).toBe(400);
      expect(r.data.error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)).toContain(`${field}:${code}`);
    }
    expect(await t.ctx.db.selectFrom('bulletins').select('id').where('title', '=', title).execute()).toEqual([]);
  });
});

describe('reading bulletins', () => {
  it('shows a task force bulletin to the need-to-know staff of its organisations only, and audits each read', async () => {
    const { data: bulletin } = await as('analyst@own').post('/api/v1/bulletins', amberBulletin({ title: `read ${randomUUID()}` }));
    for (const label of ['analyst@partner', 'officer@partner', 'officer@own']) {
      expect((await as(label).get(`/api/v1/bulletins/${bulletin.id}`)).statusCode, label).toBe(200);
      expect((await as(label).get('/api/v1/bulletins')).data.items.map((b: { id: string }) => b.id), label).toContain(bulletin.id);
    }
    for (const label of ['viewer@partner', 'analyst@other', 'member@own']) {
      expect((await as(label).get(`/api/v1/bulletins/${bulletin.id}`)).statusCode, label).toBe(404);
      expect((await as(label).get('/api/v1/bulletins')).data.items.map((b: { id: string }) => b.id), label).not.toContain(bulletin.id);
    }
    const reads = await t.ctx.db.selectFrom('audit_log').select('actor_user_id').where('action', '=', 'read').where('record_id', '=', bulletin.id).execute();
    expect(new Set(reads.map((r) => r.actor_user_id))).toEqual(new Set(['analyst@partner', 'officer@partner', 'officer@own'].map((l) => tokens.get(l)!.userId)));
  });

  it('filters by validity, kind and whether the caller acknowledged', async () => {
    const marker = randomUUID();
    const expired = await as('analyst@own').post('/api/v1/bulletins', amberBulletin({ title: `expired ${marker}`, validFrom: '2020-01-01T00:00:00Z', validUntil: '2020-02-01T00:00:00Z' }));
    const scheduled = await as('analyst@own').post('/api/v1/bulletins', amberBulletin({ title: `scheduled ${marker}`, kind: 'alert', validFrom: '2099-01-01T00:00:00Z' }));
    expect([expired.data.status, scheduled.data.status]).toEqual(['expired', 'scheduled']);
    const ids = async (query: string) => (await as('analyst@partner').get(`/api/v1/bulletins?limit=200&${query}`)).data.items.map((b: { id: string }) => b.id);
    expect(await ids('')).toContain(scheduled.data.id);
    expect(await ids('')).not.toContain(expired.data.id);
    expect(await ids('status=expired')).toContain(expired.data.id);
    expect(await ids('status=all&kind=alert')).not.toContain(expired.data.id);
    expect(await ids('status=all&kind=alert')).toContain(scheduled.data.id);
    expect((await as('analyst@partner').post(`/api/v1/bulletins/${scheduled.data.id}/acknowledgement`, {})).statusCode).toBe(204);
    expect(await ids('acknowledged=yes')).toContain(scheduled.data.id);
    expect(await ids('acknowledged=no')).not.toContain(scheduled.data.id);
  });
});

describe('acknowledgements', () => {
  it('are recorded once per person, and tracked per organisation and person for the issuing side only', async () => {
    const { data: bulletin } = await as('analyst@own').post('/api/v1/bulletins', amberBulletin({ title: `ack ${randomUUID()}` }));
    const ack = () => as('analyst@partner').post(`/api/v1/bulletins/${bulletin.id}/acknowledgement`, {});
    expect((await ack()).statusCode).toBe(204);
    expect((await ack()).statusCode).toBe(204);
    expect((await as('analyst@partner').get(`/api/v1/bulletins/${bulletin.id}`)).data.acknowledgedAt).not.toBeNull();
    expect((await as('analyst@other').post(`/api/v1/bulletins/${bulletin.id}/acknowledgement`, {})).statusCode).toBe(404);
    expect((await as('viewer@partner').post(`/api/v1/bulletins/${bulletin.id}/acknowledgement`, {})).statusCode).toBe(404);
    const notMine = await as('officer@partner').post(`/api/v1/bulletins/${bulletin.id}/acknowledgement`, { orgId: own });
    expect(notMine.statusCode).toBe(400);
    expect(notMine.data.error.details[0].field).toBe('orgId');

    const tracking = await as('coordinator@own').get(`/api/v1/bulletins/${bulletin.id}/acknowledgements`);
    expect(tracking.statusCode).toBe(200);
    expect(tracking.data.addressedTo).toBe('organisations');
    expect(tracking.data.acknowledgedBy).toBe(1);
    const byOrg = new Map(tracking.data.organisations.map((o: { orgId: string }) => [o.orgId, o]));
    expect(byOrg.get(partner)).toMatchObject({ addressed: true, acknowledged: true, acknowledgements: [{ userId: tokens.get('analyst@partner')!.userId }] });
    expect(byOrg.get(own)).toMatchObject({ addressed: true, acknowledged: false, acknowledgements: [] });
    const pending = tracking.data.pending.map((p: { userId: string }) => p.userId);
    expect(pending).toEqual(expect.arrayContaining(['coordinator@own', 'officer@own'].map((l) => tokens.get(l)!.userId)));
    expect(pending).not.toContain(tokens.get('analyst@own')!.userId); // the author
    expect(pending).not.toContain(tokens.get('member@own')!.userId); // not need-to-know
    expect((await as('analyst@partner').get(`/api/v1/bulletins/${bulletin.id}/acknowledgements`)).statusCode).toBe(403);
    expect((await as('analyst@other').get(`/api/v1/bulletins/${bulletin.id}/acknowledgements`)).statusCode).toBe(404);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_user_id', 'actor_org_id']).where('action', '=', 'bulletin.acknowledge').where('record_id', '=', bulletin.id).execute();
    expect(audit).toEqual([{ actor_user_id: tokens.get('analyst@partner')!.userId, actor_org_id: partner }]);
  });

  it('for a RED bulletin, tracks the named people, who alone (with the author) read it', async () => {
    const recipients = ['analyst@partner', 'coordinator@own'].map((l) => tokens.get(l)!.userId);
    const created = await as('analyst@own').post('/api/v1/bulletins', { tlp: 'RED', kind: 'alert', title: `red ${randomUUID()}`, body: 'Informant at risk.', recipientUserIds: recipients });
    expect(created.statusCode, created.body).toBe(201);
    expect((await as('officer@own').get(`/api/v1/bulletins/${created.data.id}`)).statusCode).toBe(404);
    expect((await as('analyst@partner').post(`/api/v1/bulletins/${created.data.id}/acknowledgement`, {})).statusCode).toBe(204);
    const tracking = (await as('analyst@own').get(`/api/v1/bulletins/${created.data.id}/acknowledgements`)).data;
    expect(tracking.addressedTo).toBe('people');
    expect(tracking.pending.map((p: { userId: string }) => p.userId)).toEqual([tokens.get('coordinator@own')!.userId]);
    // The feed tells the author and the named need-to-know staff of the issuing organisation, no one else.
    const event = await t.ctx.db.selectFrom('operations_feed').select(['tlp', 'created_by', 'recipient_user_ids']).where('kind', '=', 'bulletin.acknowledged').where('owner_org_id', '=', own)
      .where((eb) => eb(eb.ref('data'), '@>', JSON.stringify({ bulletinId: created.data.id }) as never)).executeTakeFirstOrThrow();
    expect(event).toEqual({ tlp: 'RED', created_by: tokens.get('analyst@own')!.userId, recipient_user_ids: [tokens.get('coordinator@own')!.userId] });
  });
});

describe('bulletins in the operations stream', () => {
  it('reach the task force as they are issued, and the acknowledgement reaches the issuing side only', async () => {
    const head = (await as('analyst@own').get('/api/v1/operations/feed?limit=1')).data.head as number;
    const open = (label: string) => SseClient.open(`${base}/api/v1/operations/stream?lastEventId=${head}`, { authorization: `Bearer ${tokens.get(label)!.token}` });
    const [author, partnerAnalyst, partnerOfficer, outsider] = (await Promise.all(['analyst@own', 'analyst@partner', 'officer@partner', 'analyst@other'].map(open))) as [SseClient, SseClient, SseClient, SseClient];
    const { data: bulletin } = await as('analyst@own').post('/api/v1/bulletins', amberBulletin({ title: `live ${randomUUID()}` }));
    const kinds = (c: SseClient, kind: string) => c.parsed<{ kind: string; recordId: string; data: { bulletinId?: string } }>().filter((e) => e.kind === kind);
    await partnerAnalyst.until((c) => kinds(c, 'bulletin.issued').some((e) => e.recordId === bulletin.id), 'the bulletin');
    expect((await as('analyst@partner').post(`/api/v1/bulletins/${bulletin.id}/acknowledgement`, {})).statusCode).toBe(204);
    await author.until((c) => kinds(c, 'bulletin.acknowledged').some((e) => e.data.bulletinId === bulletin.id), 'the acknowledgement');
    const sentinel = await t.ctx.db.transaction().execute(async (trx) => {
      const id = randomUUID();
      await t.ctx.feed.publish(trx, { kind: 'test.sentinel', record: { type: 'test_record', id }, marking: { tlp: 'GREEN', ownerOrgId: own, createdBy: null, sharingGroupIds: [], recipientUserIds: [] } });
      return id;
    });
    for (const client of [partnerAnalyst, partnerOfficer, outsider]) await client.until((c) => c.parsed<{ recordId: string }>().some((e) => e.recordId === sentinel), 'the sentinel');
    expect(kinds(partnerOfficer, 'bulletin.issued').map((e) => e.recordId)).toContain(bulletin.id);
    expect(kinds(partnerAnalyst, 'bulletin.acknowledged')).toEqual([]);
    expect(kinds(partnerOfficer, 'bulletin.acknowledged')).toEqual([]);
    expect(outsider.parsed<{ kind: string }>().filter((e) => e.kind.startsWith('bulletin.'))).toEqual([]);
    expect(JSON.stringify(partnerAnalyst.messages)).not.toContain('forged manifests');
    for (const c of [author, partnerAnalyst, partnerOfficer, outsider]) c.close();
  });
});
