import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { createSharingGroup } from '../sharing-groups/service.ts';
import { api, makeOrg, makeToken, makeUser, type Auth } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';

let t: TestPlatform;
let analyst: Auth;
let partnerAnalyst: Auth;
let outsider: Auth;
let member: Auth;
let groupId: string;

const person = (fullName: string, extra: Record<string, unknown> = {}) => ({ type: 'person', tlp: 'AMBER', attributes: { fullName }, ...extra });
const graded = { sourceReliability: 'B', informationCredibility: 2, handlingCode: 'P' };

async function create(url: string, body: unknown, auth: Auth = analyst) {
  const r = await api(t.app, { method: 'POST', url, body, auth });
  expect(r.statusCode, r.body).toBe(201);
  return r.data;
}

beforeAll(async () => {
  t = await startTestPlatform();
  const own = await makeOrg(t.ctx, { country: 'CO' });
  const partner = await makeOrg(t.ctx, { type: 'prosecutor', country: 'PE' });
  const other = await makeOrg(t.ctx, { country: 'CL' });
  const tokenFor = async (orgId: string, role: 'analyst' | 'member') =>
    ({ token: await makeToken(t.ctx, (await makeUser(t.ctx, [{ orgId, role }])).id, ['read', 'write']) });
  analyst = await tokenFor(own.id, 'analyst');
  member = await tokenFor(own.id, 'member');
  partnerAnalyst = await tokenFor(partner.id, 'analyst');
  outsider = await tokenFor(other.id, 'analyst');
  groupId = (await createSharingGroup(t.ctx, systemActor(), { name: `Andes ${Date.now()}`, description: '', ownerOrgId: own.id, memberOrgIds: [partner.id] })).id;
});
afterAll(async () => t.stop());

describe('entities', () => {
  it('records each type with its own attributes and a label lists can show', async () => {
    const bodies = [
      person('Rosa Elena Quispe', { attributes: { fullName: 'Rosa Elena Quispe', dateOfBirth: '1984-02-29', nationalities: ['PE'] } }),
      { type: 'criminal_group', tlp: 'AMBER', attributes: { name: 'Los del Puerto', activities: ['cocaine trafficking'] } },
      { type: 'vehicle', tlp: 'AMBER', attributes: { plate: 'abc-123', plateCountry: 'CO', make: 'Toyota' } },
      { type: 'phone', tlp: 'AMBER', attributes: { number: '+57 300 123 4567' } },
      { type: 'financial_account', tlp: 'AMBER', attributes: { accountKind: 'card', cardNumber: '4111 1111 1111 1111' } },
      { type: 'place', tlp: 'GREEN', attributes: { name: 'Muelle 4, Buenaventura', placeKind: 'port', location: { lon: -77.07, lat: 3.88 } } },
      { type: 'shipment', tlp: 'AMBER', attributes: { description: 'Bananas to Antwerp', mode: 'sea', origin: 'Buenaventura', destination: 'Antwerp' } },
      { type: 'seizure', tlp: 'AMBER', attributes: { substance: 'cocaine', quantity: 120, unit: 'kg', place: 'Muelle 4', seizedAt: '2025-03-02T04:00:00Z' } },
      { type: 'document', tlp: 'AMBER', attributes: { documentType: 'passport', number: 'pe 123-456', issuingCountry: 'PE' } },
    ];
    const labels = [];
    for (const body of bodies) labels.push((await create('/api/v1/intel/entities', body)).label);
    expect(labels).toEqual(['Rosa Elena Quispe', 'Los del Puerto', 'ABC123', '+57 300 1234567', '•••• 1111', 'Muelle 4, Buenaventura', 'Bananas to Antwerp', '120 kg cocaine', 'PE PE123456']);
  });

  it('refuses attributes of another type and missing required ones, naming the fields', async () => {
    const wrong = await api(t.app, { method: 'POST', url: '/api/v1/intel/entities', body: { type: 'vehicle', tlp: 'GREEN', attributes: { fullName: 'x' } }, auth: analyst, headers: { 'accept-language': 'es' } });
    expect(wrong.statusCode).toBe(400);
    const fields = wrong.data.error.details.map((d: { field: string }) => d.field);
    expect(fields).toContain('attributes');
    const seizure = await api(t.app, { method: 'POST', url: '/api/v1/intel/entities', body: { type: 'seizure', tlp: 'GREEN', attributes: { substance: 'cocaine', quantity: -1, unit: 'bags', place: 'x', seizedAt: '2025-03-02T04:00:00Z' } }, auth: analyst });
    expect(seizure.data.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['attributes.quantity', 'attributes.unit']);
    const noPlate = await api(t.app, { method: 'POST', url: '/api/v1/intel/entities', body: { type: 'vehicle', tlp: 'GREEN', attributes: { make: 'Kia' } }, auth: analyst, headers: { 'accept-language': 'en' } });
    expect(noPlate.data.error.details).toEqual([{ field: 'attributes.plate', code: 'intel.vehicle_needs_plate_or_vin', message: 'Give the plate or the vehicle identification number (VIN).' }]);
  });

  it('is written by need-to-know roles only, and its type never changes', async () => {
    const byMember = await api(t.app, { method: 'POST', url: '/api/v1/intel/entities', body: person('Nadie'), auth: member });
    expect(byMember.statusCode).toBe(403);
    const e = await create('/api/v1/intel/entities', person('Juan Pérez'));
    const retyped = await api(t.app, { method: 'PATCH', url: `/api/v1/intel/entities/${e.id}`, body: { type: 'vehicle' }, auth: analyst });
    expect(retyped.data.error.details[0].code).toBe('intel.type_immutable');
    const edited = await api(t.app, { method: 'PATCH', url: `/api/v1/intel/entities/${e.id}`, body: { type: 'person', attributes: { fullName: 'Juan Pérez Gómez' }, tlp: 'AMBER', sharingGroupIds: [groupId] }, auth: analyst });
    expect(edited.statusCode, edited.body).toBe(200);
    expect([edited.data.label, edited.data.sharingGroupIds]).toEqual(['Juan Pérez Gómez', [groupId]]);
    expect((await api(t.app, { url: `/api/v1/intel/entities/${e.id}`, auth: partnerAnalyst })).statusCode).toBe(200);
  });

  it('answers 404 alike for a hidden entity and a missing one, and lists only what the caller may see', async () => {
    const marker = `Marker ${Date.now()}`;
    const hidden = await create('/api/v1/intel/entities', person(marker));
    const shared = await create('/api/v1/intel/entities', person(`${marker} shared`, { sharingGroupIds: [groupId] }));
    const a = await api(t.app, { url: `/api/v1/intel/entities/${hidden.id}`, auth: outsider });
    const b = await api(t.app, { url: '/api/v1/intel/entities/00000000-0000-4000-8000-000000000000', auth: outsider });
    expect([a.statusCode, a.data.error.code, a.data.error.message]).toEqual([b.statusCode, b.data.error.code, b.data.error.message]);
    const list = async (auth: Auth) =>
      ((await api(t.app, { url: `/api/v1/intel/entities?q=${encodeURIComponent(marker)}`, auth })).data.items as { id: string }[]).map((e) => e.id).sort();
    expect(await list(analyst)).toEqual([hidden.id, shared.id].sort());
    expect(await list(partnerAnalyst)).toEqual([shared.id]);
    expect(await list(outsider)).toEqual([]);
  });
});

describe('reports', () => {
  it('refuses an ungraded report with a localized message', async () => {
    const r = await api(t.app, { method: 'POST', url: '/api/v1/intel/reports', body: { tlp: 'AMBER', title: 'Sin calificar' }, auth: analyst, headers: { 'accept-language': 'es' } });
    expect(r.statusCode).toBe(400);
    const byField = Object.fromEntries(r.data.error.details.map((d: { field: string; message: string }) => [d.field, d.message]));
    expect(byField.sourceReliability).toMatch(/^Califique el informe/);
    expect(byField.informationCredibility).toMatch(/^Califique el informe/);
    expect(byField.handlingCode).toMatch(/^Indique el código de manejo/);
    const badGrade = await api(t.app, { method: 'POST', url: '/api/v1/intel/reports', body: { tlp: 'AMBER', title: 'x', ...graded, sourceReliability: 'G', informationCredibility: 7 }, auth: analyst });
    expect(badGrade.data.error.details.map((d: { code: string }) => d.code)).toEqual(['intel.grading_required', 'intel.grading_required']);
  });

  it('needs the conditions with handling code C, and only then', async () => {
    const missing = await api(t.app, { method: 'POST', url: '/api/v1/intel/reports', body: { tlp: 'AMBER', title: 'x', ...graded, handlingCode: 'C' }, auth: analyst });
    expect(missing.data.error.details[0]).toMatchObject({ field: 'handlingConditions', code: 'intel.conditions_required' });
    const report = await create('/api/v1/intel/reports', { tlp: 'AMBER', title: 'Con condiciones', ...graded, handlingCode: 'C', handlingConditions: 'Not to be used in court without consulting the owner' });
    expect(report.grading).toEqual({ admiralty: 'B2', uk3x5x2: '1/C/C' });
  });

  it('states facts as links with the report as provenance, its marking and its distribution', async () => {
    const boss = await create('/api/v1/intel/entities', person('El Patrón', { sharingGroupIds: [groupId] }));
    const gang = await create('/api/v1/intel/entities', { type: 'criminal_group', tlp: 'AMBER', attributes: { name: 'La Empresa' }, sharingGroupIds: [groupId] });
    const report = await create('/api/v1/intel/reports', {
      tlp: 'AMBER', title: 'Structure of La Empresa', body: 'An informant describes the leadership.', ...graded, sourceKnowledge: 'direct',
      facts: [{ type: 'leads', sourceId: boss.id, targetId: gang.id, validFrom: '2024-01-01T00:00:00Z' }],
      sharingGroupIds: [groupId],
    });
    expect(report.grading.uk3x5x2).toBe('1/A/P');
    expect(report.entityIds.sort()).toEqual([boss.id, gang.id].sort());
    expect(report.facts).toHaveLength(1);
    expect(report.facts[0]).toMatchObject({ type: 'leads', sourceId: boss.id, targetId: gang.id, reportId: report.id, tlp: 'AMBER', sharingGroupIds: [groupId] });
    const read = await api(t.app, { url: `/api/v1/intel/reports/${report.id}`, auth: partnerAnalyst });
    expect(read.data.facts.map((f: { id: string }) => f.id)).toEqual([report.facts[0].id]);
    expect((await api(t.app, { url: `/api/v1/intel/reports/${report.id}`, auth: outsider })).statusCode).toBe(404);
    const about = await api(t.app, { url: `/api/v1/intel/reports?entityId=${boss.id}`, auth: partnerAnalyst });
    expect(about.data.items.map((r: { id: string }) => r.id)).toEqual([report.id]);
  });

  it('refuses facts whose ends the writer cannot see, as if they did not exist', async () => {
    const foreign = await create('/api/v1/intel/entities', person('Ajeno'), outsider);
    const mine = await create('/api/v1/intel/entities', person('Propio'));
    const r = await api(t.app, {
      method: 'POST', url: '/api/v1/intel/reports', auth: analyst,
      body: { tlp: 'AMBER', title: 'x', ...graded, facts: [{ type: 'associate_of', sourceId: mine.id, targetId: foreign.id }, { type: 'member_of', sourceId: mine.id, targetId: mine.id }] },
    });
    expect(r.data.error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)).toEqual(['facts.0.targetId:unknown_reference', 'facts.1.targetId:intel.link_to_itself']);
  });
});

describe('links', () => {
  it('checks that the relation fits the types of its ends', async () => {
    const phone = await create('/api/v1/intel/entities', { type: 'phone', tlp: 'AMBER', attributes: { number: '+51 987 654 321' } });
    const someone = await create('/api/v1/intel/entities', person('Alguien'));
    const wrong = await api(t.app, { method: 'POST', url: '/api/v1/intel/links', body: { tlp: 'AMBER', type: 'member_of', sourceId: someone.id, targetId: phone.id }, auth: analyst, headers: { 'accept-language': 'en' } });
    expect(wrong.data.error.details[0]).toMatchObject({ field: 'type', code: 'intel.link_type_mismatch', message: 'A member_of link cannot go from person to phone.' });
    const uses = await create('/api/v1/intel/links', { tlp: 'AMBER', type: 'uses', sourceId: someone.id, targetId: phone.id });
    expect(uses).toMatchObject({ type: 'uses', sourceId: someone.id, targetId: phone.id, reportId: null });
  });

  it('is visible only with both its ends: a visible link to an invisible entity does not exist for that reader', async () => {
    const seen = await create('/api/v1/intel/entities', person('Visible', { sharingGroupIds: [groupId] }));
    const unseen = await create('/api/v1/intel/entities', person('Invisible'));
    const link = await create('/api/v1/intel/links', { tlp: 'AMBER', type: 'associate_of', sourceId: seen.id, targetId: unseen.id, sharingGroupIds: [groupId] });
    expect((await api(t.app, { url: `/api/v1/intel/links/${link.id}`, auth: analyst })).statusCode).toBe(200);
    expect((await api(t.app, { url: `/api/v1/intel/links/${link.id}`, auth: partnerAnalyst })).statusCode).toBe(404);
    const ofSeen = await api(t.app, { url: `/api/v1/intel/entities/${seen.id}/links`, auth: partnerAnalyst });
    expect(ofSeen.statusCode).toBe(200);
    expect(ofSeen.data.items).toEqual([]);
    expect((await api(t.app, { url: `/api/v1/intel/entities/${seen.id}/links`, auth: analyst })).data.items.map((l: { id: string }) => l.id)).toEqual([link.id]);
  });

  it('hides the provenance of a link whose report the reader may not see', async () => {
    const a = await create('/api/v1/intel/entities', person('Uno', { sharingGroupIds: [groupId] }));
    const b = await create('/api/v1/intel/entities', person('Dos', { sharingGroupIds: [groupId] }));
    const secret = await create('/api/v1/intel/reports', { tlp: 'AMBER+STRICT', title: 'Source report', ...graded });
    const link = await create('/api/v1/intel/links', { tlp: 'AMBER', type: 'associate_of', sourceId: a.id, targetId: b.id, reportId: secret.id, sharingGroupIds: [groupId] });
    expect(link.reportId).toBe(secret.id);
    const asPartner = await api(t.app, { url: `/api/v1/intel/links/${link.id}`, auth: partnerAnalyst });
    expect(asPartner.data.reportId).toBeNull();
  });

  it('is deleted by its author, and a reader who cannot see it gets 404', async () => {
    const a = await create('/api/v1/intel/entities', person('Tres'));
    const b = await create('/api/v1/intel/entities', person('Cuatro'));
    const link = await create('/api/v1/intel/links', { tlp: 'AMBER', type: 'relative_of', sourceId: a.id, targetId: b.id });
    expect((await api(t.app, { method: 'DELETE', url: `/api/v1/intel/links/${link.id}`, auth: outsider })).statusCode).toBe(404);
    expect((await api(t.app, { method: 'DELETE', url: `/api/v1/intel/links/${link.id}`, auth: analyst })).statusCode).toBe(204);
    expect((await api(t.app, { url: `/api/v1/intel/links/${link.id}`, auth: analyst })).statusCode).toBe(404);
  });
});
