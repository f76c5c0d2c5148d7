import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveredEvent } from '../../platform/events/event-bus.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { createSharingGroup } from '../sharing-groups/service.ts';
import { api, makeOrg, makeToken, makeUser, type Auth } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';

let t: TestPlatform;
const events: DeliveredEvent[] = [];

beforeAll(async () => {
  t = await startTestPlatform();
  t.ctx.events.subscribe((e) => events.push(e));
});
afterAll(async () => t.stop());

describe('intelligence events', () => {
  it('announce entities, reports, links, merges, hits and contact requests with ids and markings only', async () => {
    const owner = await makeOrg(t.ctx, { country: 'CO' });
    const searcherOrg = await makeOrg(t.ctx, { country: 'US' });
    const group = await createSharingGroup(t.ctx, systemActor(), { name: `Events ${Date.now()}`, description: '', ownerOrgId: owner.id, memberOrgIds: [searcherOrg.id] });
    const tokenFor = async (orgId: string, role: 'analyst' | 'coordinator') => ({ token: await makeToken(t.ctx, (await makeUser(t.ctx, [{ orgId, role }])).id, ['read', 'write']) });
    const analyst = await tokenFor(owner.id, 'analyst');
    const coordinator = await tokenFor(owner.id, 'coordinator');
    const searcher = await tokenFor(searcherOrg.id, 'analyst');
    const secret = `Secreto ${Date.now()}`;
    const post = async (url: string, body: object, auth: Auth = analyst) => {
      const r = await api(t.app, { method: 'POST', url, body, auth });
      expect(r.statusCode, r.body).toBeLessThan(300);
      return r.data;
    };
    const a = await post('/api/v1/intel/entities', { type: 'person', tlp: 'AMBER', attributes: { fullName: `${secret} A` }, identifiers: [{ kind: 'phone', value: '+57 317 444 5566' }] });
    const b = await post('/api/v1/intel/entities', { type: 'person', tlp: 'AMBER', attributes: { fullName: `${secret} B` } });
    await api(t.app, { method: 'PATCH', url: `/api/v1/intel/entities/${b.id}`, body: { type: 'person', tlp: 'AMBER+STRICT' }, auth: analyst });
    const report = await post('/api/v1/intel/reports', { tlp: 'AMBER', title: secret, sourceReliability: 'A', informationCredibility: 1, handlingCode: 'P', facts: [{ type: 'associate_of', sourceId: a.id, targetId: b.id }] });
    await api(t.app, { method: 'DELETE', url: `/api/v1/intel/links/${report.facts[0].id}`, auth: analyst });
    const merge = await post('/api/v1/intel/merges', { survivorId: a.id, mergedId: b.id });
    await post(`/api/v1/intel/merges/${merge.id}/undo`, {});
    const hit = (await api(t.app, { url: '/api/v1/intel/lookup?kind=phone&value=%2B573174445566', auth: searcher })).data.hits[0];
    const request = await post('/api/v1/intel/contact-requests', { hitId: hit.hitId, message: secret }, searcher);
    await post(`/api/v1/intel/contact-requests/${request.id}/accept`, { shareVia: 'sharing_group', sharingGroupId: group.id }, coordinator);

    const expected = [
      ['intel.entity.created', a.id, owner.id], ['intel.entity.updated', b.id, owner.id], ['intel.report.created', report.id, owner.id],
      ['intel.link.created', report.facts[0].id, owner.id], ['intel.link.deleted', report.facts[0].id, owner.id], ['intel.entity.merged', b.id, owner.id],
      ['intel.entity.unmerged', b.id, owner.id], ['intel.hit.created', hit.hitId, owner.id], ['intel.contact_request.created', request.id, owner.id],
      ['intel.contact_request.decided', request.id, searcherOrg.id], ['intel.entity.updated', a.id, owner.id],
    ];
    const seen = () => expected.filter(([type, id, org]) => events.some((e) => e.type === type && e.recordId === id && e.orgIds?.includes(org!))).length;
    await expect.poll(seen, { timeout: 10_000 }).toBe(expected.length);
    const ours = events.filter((e) => e.type.startsWith('intel.'));
    for (const e of ours) {
      expect(JSON.stringify(e)).not.toContain(secret);
      expect(JSON.stringify(e)).not.toContain('4445566');
    }
    expect(ours.find((e) => e.type === 'intel.entity.updated' && e.recordId === b.id)?.data).toEqual({ tlp: 'AMBER+STRICT' });
    expect(ours.find((e) => e.type === 'intel.contact_request.decided')?.data).toEqual({ status: 'accepted' });
  });
});
