import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { createSharingGroup } from '../sharing-groups/service.ts';
import { api, makeOrg, makeToken, makeUser, type Auth } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';

let t: TestPlatform;
let owner: { id: string; name: string };
let searcherOrg: { id: string };
let ownerAnalyst: Auth;
let ownerCoordinator: Auth;
let searcher: Auth;
let searcherColleague: Auth;
let otherSearcher: Auth;
let member: Auth;
let groupId: string;
let serial = 0;

/** A Colombian mobile number no other test uses, in international and national writing. */
const freshPhone = () => {
  serial += 1;
  const national = `310 ${String(1000 + serial).padStart(3, '0').slice(-3)} ${String(Date.now() % 10_000).padStart(4, '0')}`;
  return { national, international: `+57 ${national}` };
};

const tokenFor = async (orgId: string, role: 'analyst' | 'coordinator' | 'member' | 'officer') =>
  ({ token: await makeToken(t.ctx, (await makeUser(t.ctx, [{ orgId, role }])).id, ['read', 'write']) });

async function recordPhone(number: string, tlp: string, auth: Auth = ownerAnalyst, extra: Record<string, unknown> = {}) {
  const r = await api(t.app, { method: 'POST', url: '/api/v1/intel/entities', body: { type: 'phone', tlp, attributes: { number }, ...extra }, auth });
  expect(r.statusCode, r.body).toBe(201);
  return r.data;
}

const lookup = (value: string, auth: Auth, kind = 'phone', extra = '') =>
  api(t.app, { url: `/api/v1/intel/lookup?kind=${kind}&value=${encodeURIComponent(value)}${extra}`, auth });

beforeAll(async () => {
  t = await startTestPlatform({ config: { correlationCommonThreshold: 3 } });
  owner = await makeOrg(t.ctx, { country: 'CO', name: `Agencia Andina ${Date.now()}` });
  searcherOrg = await makeOrg(t.ctx, { country: 'US' });
  const third = await makeOrg(t.ctx, { country: 'PE' });
  ownerAnalyst = await tokenFor(owner.id, 'analyst');
  ownerCoordinator = await tokenFor(owner.id, 'coordinator');
  searcher = await tokenFor(searcherOrg.id, 'analyst');
  searcherColleague = await tokenFor(searcherOrg.id, 'officer');
  otherSearcher = await tokenFor(third.id, 'analyst');
  member = await tokenFor(searcherOrg.id, 'member');
  groupId = (await createSharingGroup(t.ctx, systemActor(), { name: `Task force ${Date.now()}`, description: '', ownerOrgId: owner.id, memberOrgIds: [searcherOrg.id] })).id;
});
afterAll(async () => t.stop());

describe('hit/no-hit', () => {
  it('tells a partner that an organisation holds an AMBER match, never what it holds', async () => {
    const phone = freshPhone();
    const held = await recordPhone(phone.national, 'AMBER');
    const r = await lookup(phone.international, searcher);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data).toMatchObject({ kind: 'phone', value: held.label.replace(/ /g, ''), tooCommon: false, matches: [] });
    expect(r.data.hits).toEqual([{ hitId: expect.any(String), organisation: { id: owner.id, name: owner.name } }]);
    expect(r.body).not.toContain(held.id);
    const hit = await t.ctx.db.selectFrom('intel_hits').selectAll().where('id', '=', r.data.hits[0].hitId).executeTakeFirstOrThrow();
    expect(hit).toMatchObject({ owner_org_id: owner.id, searcher_org_id: searcherOrg.id, owner_named: true });
  });

  it('names no organisation for AMBER+STRICT records, and says nothing at all of RED ones', async () => {
    const strict = freshPhone();
    await recordPhone(strict.national, 'AMBER+STRICT');
    expect((await lookup(strict.international, searcher)).data.hits).toEqual([{ hitId: expect.any(String), organisation: null }]);
    const red = freshPhone();
    await recordPhone(red.national, 'RED', ownerAnalyst, { recipientUserIds: [] });
    const answer = await lookup(red.international, searcher);
    expect(answer.data).toMatchObject({ matches: [], hits: [], tooCommon: false });
  });

  it('shows visible records as matches, not hits, and hits each new time with fresh ids', async () => {
    const phone = freshPhone();
    const shared = await recordPhone(phone.national, 'AMBER', ownerAnalyst, { sharingGroupIds: [groupId] });
    const first = await lookup(phone.international, searcher);
    expect(first.data.matches).toEqual([{ entityId: shared.id, type: 'phone', label: shared.label, tlp: 'AMBER', ownerOrgId: owner.id, mergedIntoId: null }]);
    expect(first.data.hits).toEqual([]);
    const hidden = freshPhone();
    await recordPhone(hidden.national, 'AMBER');
    const a = await lookup(hidden.international, searcher);
    const b = await lookup(hidden.international, searcher);
    expect(a.data.hits[0].hitId).not.toBe(b.data.hits[0].hitId);
  });

  it('correlates when recording too: the new entity\'s answer carries matches and hits of its identifiers', async () => {
    const phone = freshPhone();
    await recordPhone(phone.national, 'AMBER');
    const mine = await recordPhone(phone.international, 'AMBER', searcher);
    expect(mine.correlations).toEqual([{ kind: 'phone', value: expect.stringMatching(/^\+57310/), display: expect.any(String), tooCommon: false, matches: [], hits: [{ hitId: expect.any(String), organisation: { id: owner.id, name: owner.name } }] }]);
  });

  it('flags a value held by more entities than the threshold as too common instead of correlating it', async () => {
    const phone = freshPhone();
    for (let i = 0; i < 4; i++) await recordPhone(phone.national, 'AMBER');
    const r = await lookup(phone.international, searcher);
    expect(r.data).toMatchObject({ tooCommon: true, matches: [], hits: [] });
    expect(await t.ctx.db.selectFrom('intel_hits').select('id').where('value', '=', r.data.value).execute()).toEqual([]);
  });

  it('refuses a malformed identifier with a message naming the expected format', async () => {
    const r = await api(t.app, { url: '/api/v1/intel/lookup?kind=plate&value=12345&country=CO', auth: searcher, headers: { 'accept-language': 'en' } });
    expect(r.statusCode).toBe(400);
    expect(r.data.error.details).toEqual([{ field: 'value', code: 'identifier.plate', message: 'Not a plate of CO: expected a format like ABC123, ABC12D (spaces and hyphens are ignored).' }]);
    const entity = await api(t.app, { method: 'POST', url: '/api/v1/intel/entities', body: { type: 'financial_account', tlp: 'AMBER', attributes: { accountKind: 'bank', iban: 'DE89 3704 0044 0532 0130 01' }, identifiers: [{ kind: 'email', value: 'not-an-address' }] }, auth: ownerAnalyst, headers: { 'accept-language': 'es' } });
    expect(entity.data.error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)).toEqual(['attributes.iban:identifier.iban_checksum', 'identifiers.0.value:identifier.email']);
  });

  it('is for need-to-know roles, and every lookup is audited', async () => {
    expect((await lookup('+57 310 000 0000', member)).statusCode).toBe(403);
    expect((await lookup('+57 310 000 0000', null)).statusCode).toBe(401);
    const phone = freshPhone();
    const r = await lookup(phone.international, searcher);
    const entry = await t.ctx.db.selectFrom('audit_log').select(['action', 'diff']).where('action', '=', 'lookup').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry.diff).toEqual({ kind: 'phone', value: r.data.value, matches: 0, hits: 0, tooCommon: false });
  });
});

describe('contact requests', () => {
  async function hitOn(tlp: string) {
    const phone = freshPhone();
    const held = await recordPhone(phone.national, tlp);
    const r = await lookup(phone.international, searcher);
    return { held, hitId: r.data.hits[0].hitId as string, value: phone.international };
  }

  it('answer identically for a hit that does not exist and for another user\'s hit', async () => {
    const { hitId } = await hitOn('AMBER');
    const body = (id: string) => ({ hitId: id, message: 'We hold the same number in an extortion case' });
    const foreign = await api(t.app, { method: 'POST', url: '/api/v1/intel/contact-requests', body: body(hitId), auth: otherSearcher });
    const missing = await api(t.app, { method: 'POST', url: '/api/v1/intel/contact-requests', body: body('00000000-0000-4000-8000-000000000000'), auth: otherSearcher });
    const strip = (r: typeof foreign) => ({ status: r.statusCode, code: r.data.error.code, message: r.data.error.message, details: r.data.error.details });
    expect(strip(foreign)).toEqual(strip(missing));
    expect(foreign.statusCode).toBe(404);
    expect(await t.ctx.db.selectFrom('intel_contact_requests').select('id').where('hit_id', '=', hitId).execute()).toEqual([]);
  });

  it('reach the owner\'s coordinators, who share through a sharing group: the requester then sees the record', async () => {
    const { held, hitId, value } = await hitOn('AMBER+STRICT');
    const sent = await api(t.app, { method: 'POST', url: '/api/v1/intel/contact-requests', body: { hitId, message: 'Case 2025-114, extortion calls' }, auth: searcher });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.data).toMatchObject({ status: 'pending', organisation: null, entities: [], display: expect.stringContaining('+57 310') });
    const again = await api(t.app, { method: 'POST', url: '/api/v1/intel/contact-requests', body: { hitId, message: 'again' }, auth: searcher });
    expect(again.statusCode).toBe(409);

    const inbox = await api(t.app, { url: '/api/v1/intel/contact-requests?box=inbox&status=pending', auth: ownerCoordinator });
    const request = inbox.data.items.find((i: { id: string }) => i.id === sent.data.id);
    expect(request).toMatchObject({ message: 'Case 2025-114, extortion calls', requester: { orgId: searcherOrg.id }, entities: [{ id: held.id, tlp: 'AMBER+STRICT' }] });
    expect((await api(t.app, { url: '/api/v1/intel/contact-requests?box=inbox', auth: ownerAnalyst })).data.items).toEqual([]);
    expect((await api(t.app, { method: 'POST', url: `/api/v1/intel/contact-requests/${sent.data.id}/accept`, body: { shareVia: 'copy' }, auth: ownerAnalyst })).statusCode).toBe(404);
    expect((await api(t.app, { method: 'POST', url: `/api/v1/intel/contact-requests/${sent.data.id}/accept`, body: { shareVia: 'copy' }, auth: searcher })).statusCode).toBe(403);

    expect((await api(t.app, { url: `/api/v1/intel/entities/${held.id}`, auth: searcher })).statusCode).toBe(404);
    const accepted = await api(t.app, { method: 'POST', url: `/api/v1/intel/contact-requests/${sent.data.id}/accept`, body: { shareVia: 'sharing_group', sharingGroupId: groupId, response: 'Call me' }, auth: ownerCoordinator });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.data).toMatchObject({ status: 'accepted', sharedVia: 'sharing_group', sharedEntityIds: [held.id] });
    const read = await api(t.app, { url: `/api/v1/intel/entities/${held.id}`, auth: searcher });
    expect(read.statusCode).toBe(200);
    expect(read.data).toMatchObject({ tlp: 'AMBER', sharingGroupIds: [groupId] });
    expect((await lookup(value, searcher)).data.matches.map((m: { entityId: string }) => m.entityId)).toEqual([held.id]);
    const outbox = await api(t.app, { url: '/api/v1/intel/contact-requests?box=outbox', auth: searcher });
    expect(outbox.data.items.find((i: { id: string }) => i.id === sent.data.id)).toMatchObject({ status: 'accepted', response: 'Call me', sharedEntityIds: [held.id] });
    const twice = await api(t.app, { method: 'POST', url: `/api/v1/intel/contact-requests/${sent.data.id}/decline`, body: {}, auth: ownerCoordinator });
    expect(twice.statusCode).toBe(409);
  });

  it('can share a RED copy for the requester alone, leaving the original untouched', async () => {
    const { held, hitId } = await hitOn('AMBER');
    const sent = await api(t.app, { method: 'POST', url: '/api/v1/intel/contact-requests', body: { hitId, message: 'Please' }, auth: searcher });
    const accepted = await api(t.app, { method: 'POST', url: `/api/v1/intel/contact-requests/${sent.data.id}/accept`, body: { shareVia: 'copy' }, auth: ownerCoordinator });
    const [copyId] = accepted.data.sharedEntityIds;
    const copy = await api(t.app, { url: `/api/v1/intel/entities/${copyId}`, auth: searcher });
    expect(copy.data).toMatchObject({ tlp: 'RED', label: held.label, attributes: held.attributes, ownerOrgId: owner.id, copyOf: null });
    expect((await api(t.app, { url: `/api/v1/intel/entities/${copyId}`, auth: searcherColleague })).statusCode).toBe(404);
    expect((await api(t.app, { url: `/api/v1/intel/entities/${held.id}`, auth: searcher })).statusCode).toBe(404);
    expect((await api(t.app, { url: `/api/v1/intel/entities/${copyId}`, auth: ownerCoordinator })).data.copyOf).toBe(held.id);
  });

  it('can be declined, and only the requester and the owner\'s coordinators see a request', async () => {
    const { hitId } = await hitOn('AMBER');
    const sent = await api(t.app, { method: 'POST', url: '/api/v1/intel/contact-requests', body: { hitId, message: 'Please' }, auth: searcher });
    const declined = await api(t.app, { method: 'POST', url: `/api/v1/intel/contact-requests/${sent.data.id}/decline`, body: { response: 'Not at this stage' }, auth: ownerCoordinator });
    expect(declined.data).toMatchObject({ status: 'declined', response: 'Not at this stage', sharedEntityIds: [] });
    for (const auth of [otherSearcher, searcherColleague, ownerAnalyst]) {
      expect((await api(t.app, { url: `/api/v1/intel/contact-requests/${sent.data.id}`, auth })).statusCode).toBe(404);
    }
    expect((await api(t.app, { url: `/api/v1/intel/contact-requests/${sent.data.id}`, auth: searcher })).data.status).toBe('declined');
  });
});

describe('in the operations feed', () => {
  const feedOf = async (auth: Auth) => (await api(t.app, { url: '/api/v1/operations/feed?limit=200', auth })).data.items as { kind: string; recordId: string; data: Record<string, unknown> }[];
  /** Events are numbered in commit order: once a later one is listed, the earlier ones are too. */
  const sequenced = async () => {
    const id = randomUUID();
    await t.ctx.db.transaction().execute((trx) => t.ctx.feed.publish(trx, { kind: 'test.sentinel', record: { type: 'test_record', id }, marking: { tlp: 'CLEAR', ownerOrgId: owner.id, createdBy: null, sharingGroupIds: [], recipientUserIds: [] } }));
    await expect.poll(async () => (await feedOf(searcher)).some((e) => e.recordId === id), { timeout: 20_000 }).toBe(true);
  };
  const about = async (auth: Auth, id: string) => (await feedOf(auth)).filter((e) => e.recordId === id).map((e) => e.kind).sort();

  it('tells the searcher alone of its hit, and the holder only that a record of its own was hit, by ids', async () => {
    const phone = freshPhone();
    await recordPhone(phone.national, 'AMBER');
    const hitId = (await lookup(phone.international, searcher)).data.hits[0].hitId as string;
    await sequenced();
    expect(await about(searcher, hitId)).toEqual(['intel.hit.found']);
    expect(await about(ownerAnalyst, hitId)).toEqual(['intel.hit.received']);
    for (const auth of [searcherColleague, otherSearcher, member]) expect(await about(auth, hitId)).toEqual([]);
    const events = (await feedOf(searcher)).concat(await feedOf(ownerAnalyst)).filter((e) => e.recordId === hitId);
    expect(JSON.stringify(events)).not.toContain(phone.national.replace(/ /g, '').slice(-4));
  });

  it('brings a request for contact to the holder, and its decision to the requester alone', async () => {
    const phone = freshPhone();
    await recordPhone(phone.national, 'AMBER');
    const hitId = (await lookup(phone.international, searcher)).data.hits[0].hitId as string;
    const sent = await api(t.app, { method: 'POST', url: '/api/v1/intel/contact-requests', body: { hitId, message: 'Same number in our case' }, auth: searcher });
    await api(t.app, { method: 'POST', url: `/api/v1/intel/contact-requests/${sent.data.id}/decline`, body: { response: 'Not now' }, auth: ownerCoordinator });
    await sequenced();
    expect(await about(ownerCoordinator, sent.data.id)).toEqual(['intel.contact_request.received']);
    expect(await about(searcher, sent.data.id)).toEqual(['intel.contact_request.decided']);
    expect((await feedOf(searcher)).find((e) => e.recordId === sent.data.id)!.data).toEqual({ status: 'declined' });
    for (const auth of [searcherColleague, otherSearcher]) expect(await about(auth, sent.data.id)).toEqual([]);
  });
});
