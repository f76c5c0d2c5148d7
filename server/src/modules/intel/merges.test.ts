import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { createSharingGroup } from '../sharing-groups/service.ts';
import { api, makeOrg, makeToken, makeUser, type Auth } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';

let t: TestPlatform;
let analyst: Auth;
let partner: Auth;
let viewer: Auth;
let outsider: Auth;
let groupId: string;

async function person(fullName: string, extra: Record<string, unknown> = {}, auth: Auth = analyst) {
  const { attributes, ...rest } = extra;
  const r = await api(t.app, { method: 'POST', url: '/api/v1/intel/entities', body: { type: 'person', tlp: 'AMBER', ...rest, attributes: { fullName, ...(attributes as object) } }, auth });
  expect(r.statusCode, r.body).toBe(201);
  return r.data as { id: string; label: string };
}

/** Every row that holds the state of the entities: themselves, their distribution, links and identifiers. */
async function snapshot(ids: string[]) {
  const db = t.ctx.db;
  return {
    entities: await db.selectFrom('intel_entities').selectAll().where('id', 'in', ids).orderBy('id').execute(),
    links: await db.selectFrom('intel_links').selectAll().where((eb) => eb.or([eb('source_id', 'in', ids), eb('target_id', 'in', ids)])).orderBy('id').execute(),
    identifiers: await db.selectFrom('intel_identifiers').selectAll().where('entity_id', 'in', ids).orderBy('entity_id').orderBy('kind').orderBy('value').execute(),
    groups: await db.selectFrom('record_sharing_groups').selectAll().where('record_id', 'in', ids).orderBy('record_id').orderBy('group_id').execute(),
  };
}

beforeAll(async () => {
  t = await startTestPlatform();
  const own = await makeOrg(t.ctx, { country: 'CO' });
  const other = await makeOrg(t.ctx, { country: 'CO' });
  const ally = await makeOrg(t.ctx, { country: 'PE' });
  const tokenFor = async (orgId: string, role: 'analyst' | 'viewer') => ({ token: await makeToken(t.ctx, (await makeUser(t.ctx, [{ orgId, role }])).id, ['read', 'write']) });
  analyst = await tokenFor(own.id, 'analyst');
  viewer = await tokenFor(own.id, 'viewer');
  outsider = await tokenFor(other.id, 'analyst');
  partner = await tokenFor(ally.id, 'analyst');
  groupId = (await createSharingGroup(t.ctx, systemActor(), { name: `Dup ${Date.now()}`, description: '', ownerOrgId: own.id, memberOrgIds: [ally.id] })).id;
});
afterAll(async () => t.stop());

const suggestionsFor = async (id: string, auth: Auth = analyst) => {
  const r = await api(t.app, { url: `/api/v1/intel/entities/${id}/duplicates`, auth });
  expect(r.statusCode, r.body).toBe(200);
  return r.data.items as { candidate: { id: string }; reasons: string[]; sharedIdentifiers: { display: string }[] }[];
};

describe('duplicate suggestions', () => {
  it('suggest persons with a similar name, a shared identifier or the same date of birth, among visible ones only', async () => {
    const tag = `Q${Date.now() % 100000}`;
    const base = await person(`Juan Carlos Restrepo Gómez ${tag}`, { attributes: { dateOfBirth: '1979-05-14' }, identifiers: [{ kind: 'phone', value: '+57 315 222 3344' }] });
    const spelled = await person(`Juan Carlos Restrepo Gomez ${tag}`);
    const samePhone = await person('El Flaco', { identifiers: [{ kind: 'phone', value: '315 222 3344' }] });
    const sameBirth = await person('Carlos Gómez R.', { attributes: { dateOfBirth: '1979-05-14' } });
    const hiddenTwin = await person(`Juan Carlos Restrepo Gómez ${tag}`, {}, outsider);
    await person('Ana María Quintero');
    const found = await suggestionsFor(base.id);
    const byId = new Map(found.map((s) => [s.candidate.id, s]));
    expect(byId.get(spelled.id)?.reasons).toContain('similar_name');
    expect(byId.get(samePhone.id)).toMatchObject({ reasons: ['shared_identifier'], sharedIdentifiers: [{ display: '+57 315 2223344' }] });
    expect(byId.get(sameBirth.id)?.reasons).toContain('same_date_of_birth');
    expect(byId.has(hiddenTwin.id)).toBe(false);
    expect(JSON.stringify(found)).not.toContain(hiddenTwin.id);
    // The other organisation's analyst sees only its own twin, not ours.
    expect((await api(t.app, { url: `/api/v1/intel/entities/${base.id}/duplicates`, auth: outsider })).statusCode).toBe(404);
    expect((await suggestionsFor(hiddenTwin.id, outsider)).map((s) => s.candidate.id)).toEqual([]);
    // Dismissed pairs are not suggested again.
    expect((await api(t.app, { method: 'POST', url: '/api/v1/intel/duplicates/dismiss', body: { entityId: base.id, candidateId: sameBirth.id }, auth: analyst })).statusCode).toBe(204);
    expect((await suggestionsFor(base.id)).map((s) => s.candidate.id)).not.toContain(sameBirth.id);
    const queue = await api(t.app, { url: '/api/v1/intel/duplicates', auth: analyst });
    expect(queue.data.items.some((s: { entityId: string; candidate: { id: string } }) => [s.entityId, s.candidate.id].sort().join() === [base.id, spelled.id].sort().join())).toBe(true);
  });
});

describe('merges', () => {
  it('are confirmed by a person, change no record, and un-merge restores exactly the previous state', async () => {
    const survivor = await person('Pedro Pablo Salazar', { identifiers: [{ kind: 'email', value: 'pps@example.org' }], sharingGroupIds: [groupId] });
    const duplicate = await person('Pedro P. Salazar', { identifiers: [{ kind: 'phone', value: '+57 316 111 2233' }] });
    const gang = await api(t.app, { method: 'POST', url: '/api/v1/intel/entities', body: { type: 'criminal_group', tlp: 'AMBER', attributes: { name: 'Los Salazar' } }, auth: analyst });
    await api(t.app, { method: 'POST', url: '/api/v1/intel/links', body: { tlp: 'AMBER', type: 'member_of', sourceId: duplicate.id, targetId: gang.data.id }, auth: analyst });
    const before = await snapshot([survivor.id, duplicate.id]);

    expect((await api(t.app, { method: 'POST', url: '/api/v1/intel/merges', body: { survivorId: survivor.id, mergedId: duplicate.id }, auth: viewer })).statusCode).toBe(400);
    const merged = await api(t.app, { method: 'POST', url: '/api/v1/intel/merges', body: { survivorId: survivor.id, mergedId: duplicate.id, reason: 'Same ID photo' }, auth: analyst });
    expect(merged.statusCode, merged.body).toBe(201);
    expect(await snapshot([survivor.id, duplicate.id])).toEqual(before);
    expect((await api(t.app, { url: `/api/v1/intel/entities/${duplicate.id}`, auth: analyst })).data.mergedIntoId).toBe(survivor.id);
    expect((await api(t.app, { url: `/api/v1/intel/entities/${survivor.id}`, auth: analyst })).data.mergedFrom).toEqual([{ mergeId: merged.data.id, entityId: duplicate.id, label: duplicate.label, mergedAt: merged.data.mergedAt }]);
    const listed = await api(t.app, { url: '/api/v1/intel/entities?q=Salazar&type=person', auth: analyst });
    expect(listed.data.items.map((e: { id: string }) => e.id)).toEqual([survivor.id]);
    const phone = await api(t.app, { url: '/api/v1/intel/lookup?kind=phone&value=%2B57%20316%20111%202233', auth: analyst });
    expect(phone.data.matches).toEqual([expect.objectContaining({ entityId: duplicate.id, mergedIntoId: survivor.id })]);
    // The partner sees the survivor (shared) but not the duplicate: nothing of the merge reaches it.
    const asPartner = await api(t.app, { url: `/api/v1/intel/entities/${survivor.id}`, auth: partner });
    expect(asPartner.data.mergedFrom).toEqual([]);
    expect(asPartner.body).not.toContain(duplicate.id);
    const again = await api(t.app, { method: 'POST', url: '/api/v1/intel/merges', body: { survivorId: survivor.id, mergedId: duplicate.id }, auth: analyst });
    expect(again.statusCode).toBe(409);

    const undone = await api(t.app, { method: 'POST', url: `/api/v1/intel/merges/${merged.data.id}/undo`, auth: analyst });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.data.unmergedAt).not.toBeNull();
    expect(await snapshot([survivor.id, duplicate.id])).toEqual(before);
    expect((await api(t.app, { url: `/api/v1/intel/entities/${duplicate.id}`, auth: analyst })).data.mergedIntoId).toBeNull();
    expect((await api(t.app, { url: '/api/v1/intel/entities?q=Salazar&type=person', auth: analyst })).data.items).toHaveLength(2);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'diff']).where('record_id', '=', duplicate.id).where('action', 'in', ['merge', 'unmerge']).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['merge', 'unmerge']);
    expect((await api(t.app, { method: 'POST', url: `/api/v1/intel/merges/${merged.data.id}/undo`, auth: analyst })).statusCode).toBe(409);
  });

  it('never joins records of two organisations, nor records the caller cannot see', async () => {
    const mine = await person('Lucía Fernanda Rojas');
    const theirs = await person('Lucía Fernanda Rojas', { sharingGroupIds: [] }, outsider);
    const hidden = await api(t.app, { method: 'POST', url: '/api/v1/intel/merges', body: { survivorId: mine.id, mergedId: theirs.id }, auth: analyst });
    const missing = await api(t.app, { method: 'POST', url: '/api/v1/intel/merges', body: { survivorId: mine.id, mergedId: '00000000-0000-4000-8000-000000000000' }, auth: analyst });
    expect(hidden.data.error.details.map((d: { code: string }) => d.code)).toEqual(['unknown_reference']);
    expect(missing.data.error.details.map((d: { code: string }) => d.code)).toEqual(['unknown_reference']);
    const partnerOwned = await person('Lucía F. Rojas', { sharingGroupIds: [groupId] });
    const partnersOwn = await person('Lucía Rojas', {}, partner);
    const cross = await api(t.app, { method: 'POST', url: '/api/v1/intel/merges', body: { survivorId: partnersOwn.id, mergedId: partnerOwned.id }, auth: partner, headers: { 'accept-language': 'en' } });
    expect(cross.data.error.details[0]).toMatchObject({ field: 'mergedId', code: 'intel.merge_other_owner' });
  });
});
