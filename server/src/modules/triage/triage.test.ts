import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, makeOrg, makeToken, makeUser, type Auth } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { SseClient } from '../../../test/sse.ts';

const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
});
const PLACE = { lon: -90.51, lat: 14.62 }; // Guatemala City
const nearby = { lon: -90.5105, lat: 14.6203 }; // about 60 m away

let t: TestPlatform;
let hubCoordinator: Auth;
let policeCoordinator: Auth;
let policeOfficer: Auth;
let otherCoordinator: Auth;
let otherOfficer: Auth;
let police: { id: string };
let prosecutor: { id: string };

const as = (auth: Auth) => ({
  get: (url: string) => api(t.app, { url, auth }),
  post: (url: string, body: object, locale = 'es') => api(t.app, { method: 'POST', url, body, auth, headers: { 'accept-language': locale } }),
});

async function submitTip(body: string, location: { lon: number; lat: number } | null = PLACE) {
  const r = await api(t.app, {
    method: 'POST',
    url: '/api/v1/tips',
    body: { category: 'drug_sales', body, ...(location ? { location } : {}) },
    remoteAddress: `10.7.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });
  expect(r.statusCode, r.body).toBe(201);
  const row = await t.ctx.db.selectFrom('reports').select('id').where('body', '=', body).executeTakeFirstOrThrow();
  return { id: row.id, receipt: r.data.receipt as string, passphrase: r.data.passphrase as string };
}

/** The server's URL, listening on first use: event streams need real HTTP. */
async function serverUrl(): Promise<string> {
  const bound = t.app.server.address();
  return bound && typeof bound === 'object' ? `http://127.0.0.1:${bound.port}` : t.app.listen({ port: 0, host: '127.0.0.1' });
}

beforeAll(async () => {
  t = await startTestPlatform();
  const hub = await makeOrg(t.ctx, { type: 'municipality', triageHub: true });
  police = await makeOrg(t.ctx, { jurisdiction: square(PLACE.lon, PLACE.lat, 0.2) });
  prosecutor = await makeOrg(t.ctx, { type: 'prosecutor' });
  const other = await makeOrg(t.ctx, { jurisdiction: square(PLACE.lon + 3, PLACE.lat, 0.2) });
  const user = async (orgId: string, role: 'coordinator' | 'officer') => login(t.app, (await makeUser(t.ctx, [{ orgId, role }])).email);
  hubCoordinator = await user(hub.id, 'coordinator');
  policeCoordinator = await user(police.id, 'coordinator');
  policeOfficer = await user(police.id, 'officer');
  otherCoordinator = await user(other.id, 'coordinator');
  otherOfficer = await user(other.id, 'officer');
  const admin = { token: await makeToken(t.ctx, (await makeUser(t.ctx, [], { platformAdmin: true })).id) };
  for (const body of [
    { channel: 'tip', orgId: police.id, role: 'responsible' },
    { channel: 'tip', orgId: other.id, role: 'responsible' },
    { channel: 'tip', category: 'drug_sales', orgId: prosecutor.id, role: 'informed', scope: 'anywhere' },
  ]) expect((await api(t.app, { method: 'POST', url: '/api/v1/routing-rules', auth: admin, body })).statusCode).toBe(201);
});
afterAll(async () => t.stop());

describe('triage of residents\' reports', () => {
  it('puts a new report in the queues of the responsible organisation and the intake line only', async () => {
    const tip = await submitTip('Venden droga en la esquina de la 6a avenida, casa azul');
    for (const auth of [hubCoordinator, policeCoordinator]) {
      const queue = await as(auth).get('/api/v1/reports');
      expect(queue.statusCode).toBe(200);
      expect(queue.data.items.map((i: { id: string }) => i.id)).toContain(tip.id);
    }
    for (const auth of [policeOfficer, otherCoordinator, otherOfficer]) {
      expect((await as(auth).get('/api/v1/reports')).data.items.map((i: { id: string }) => i.id)).not.toContain(tip.id);
      expect((await as(auth).get(`/api/v1/reports/${tip.id}`)).statusCode).toBe(404);
    }
    expect((await api(t.app, { url: '/api/v1/reports' })).statusCode).toBe(401);
    // The queue shows the start of the resident's text: each listing is an audited read.
    const reads = await t.ctx.db.selectFrom('audit_log').select('actor_user_id').where('action', '=', 'read').where('record_type', '=', 'report').where('record_id', '=', tip.id).execute();
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads.every((r) => r.actor_user_id !== null)).toBe(true);
  });

  it('goes from triage to a redacted, TLP-marked copy that only the routed organisation reads', async () => {
    const tip = await submitTip('Mi vecino Juan Pérez vende droga en la casa azul de la 6a avenida');
    const hub = as(hubCoordinator);
    const before = await t.ctx.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    const view = await hub.get(`/api/v1/reports/${tip.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.data).toMatchObject({ status: 'received', responsibleOrgId: police.id, canMessageReporter: true, location: PLACE });
    expect(view.data.routing).toEqual({ responsible: { orgId: police.id, ruleId: expect.any(String) }, informedOrgIds: [prosecutor.id] });
    const reads = await t.ctx.db.selectFrom('audit_log').select(['action', 'record_id']).where('seq', '>', before.seq).where('action', '=', 'read').execute();
    expect(reads).toContainEqual({ action: 'read', record_id: tip.id });

    expect((await hub.post(`/api/v1/reports/${tip.id}/status`, { status: 'triaged' })).statusCode).toBe(204);
    const redacted = 'Un vecino vende droga en una casa de la 6a avenida';
    const forward = await hub.post(`/api/v1/reports/${tip.id}/forward`, {
      recipients: [{ orgId: police.id, role: 'responsible' }, { orgId: prosecutor.id, role: 'informed' }],
      body: redacted,
    });
    expect(forward.statusCode, forward.body).toBe(204);
    expect((await hub.post(`/api/v1/reports/${tip.id}/messages`, { body: '¿A qué hora suelen vender?' })).statusCode).toBe(204);

    // The resident reads the question with the receipt and answers.
    const access = (message?: string) => api(t.app, { method: 'POST', url: '/api/v1/tips/access', body: { receipt: tip.receipt, passphrase: tip.passphrase, ...(message ? { message } : {}) } });
    const conversation = await access('De noche, después de las diez');
    expect(conversation.data.status).toBe('forwarded');
    expect(conversation.data.messages.map((m: { from: string; body: string }) => [m.from, m.body])).toEqual([
      ['staff', '¿A qué hora suelen vender?'],
      ['reporter', 'De noche, después de las diez'],
    ]);
    expect(JSON.stringify(conversation.data)).not.toMatch(/User |@example/); // staff names stay internal
    const staffView = await hub.get(`/api/v1/reports/${tip.id}`);
    expect(staffView.data.messages.at(-1)).toMatchObject({ from: 'reporter', body: 'De noche, después de las diez' });
    expect(staffView.data.firstReplyAt).not.toBeNull();
    expect(staffView.data.forwards.map((f: { orgId: string; tlp: string }) => [f.orgId, f.tlp]).sort()).toEqual([[police.id, 'AMBER'], [prosecutor.id, 'AMBER']].sort());

    const copies = await as(policeOfficer).get('/api/v1/report-forwards');
    const copy = copies.data.items.find((c: { reportId: string }) => c.reportId === tip.id);
    expect(copy).toMatchObject({ body: redacted, tlp: 'AMBER', role: 'responsible', status: 'forwarded', canUpdateStatus: true, location: PLACE });
    expect(JSON.stringify(copies.data)).not.toContain('Juan Pérez');
    for (const auth of [otherOfficer, otherCoordinator]) {
      expect((await as(auth).get('/api/v1/report-forwards')).data.items.map((c: { reportId: string }) => c.reportId)).not.toContain(tip.id);
      expect((await as(auth).get(`/api/v1/report-forwards/${copy.id}`)).statusCode).toBe(404);
      expect((await as(auth).post(`/api/v1/reports/${tip.id}/status`, { status: 'in_action' })).statusCode).toBe(404);
    }
    const forwardReads = await t.ctx.db.selectFrom('audit_log').select('record_id').where('action', '=', 'read').where('record_type', '=', 'report_forward').where('record_id', '=', copy.id).execute();
    expect(forwardReads.length).toBeGreaterThan(0);

    // The routed organisation records progress; only triage staff may send it back to triage.
    const officer = as(policeOfficer);
    expect((await officer.post(`/api/v1/reports/${tip.id}/status`, { status: 'triaged' })).statusCode).toBe(403);
    expect((await officer.post(`/api/v1/reports/${tip.id}/status`, { status: 'in_action' })).statusCode).toBe(204);
    expect((await officer.post(`/api/v1/reports/${tip.id}/status`, { status: 'closed', closureReason: 'actioned' })).statusCode).toBe(204);
    expect((await access()).data.status).toBe('closed');
    const steps = await t.ctx.db.selectFrom('audit_log').select('action').where('record_type', '=', 'report').where('record_id', '=', tip.id).where('action', '<>', 'read').orderBy('seq').execute();
    expect(steps.map((s) => s.action)).toEqual(['create', 'report.status', 'report.forward', 'report.message', 'report.message', 'report.status', 'report.status']);
  });

  it('can withhold the location from forwarded copies', async () => {
    const tip = await submitTip('Guardan armas en el taller junto a mi casa');
    await as(hubCoordinator).post(`/api/v1/reports/${tip.id}/forward`, { recipients: [{ orgId: police.id, role: 'responsible' }], includeLocation: false, tlp: 'AMBER+STRICT' });
    const copy = (await as(policeOfficer).get('/api/v1/report-forwards')).data.items.find((c: { reportId: string }) => c.reportId === tip.id);
    expect(copy).toMatchObject({ location: null, locationText: null, tlp: 'AMBER+STRICT' });
  });

  it('refuses impossible moves and incomplete closures with localized errors', async () => {
    const tip = await submitTip('Una moto deja paquetes cada mañana');
    const hub = as(hubCoordinator);
    const noReason = await hub.post(`/api/v1/reports/${tip.id}/status`, { status: 'closed' }, 'pt');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.data.error.details[0]).toMatchObject({ field: 'closureReason', message: 'Informe o motivo do encerramento.' });
    expect((await hub.post(`/api/v1/reports/${tip.id}/status`, { status: 'closed', closureReason: 'duplicate' })).data.error.details[0].field).toBe('duplicateOf');
    expect((await hub.post(`/api/v1/reports/${tip.id}/status`, { status: 'closed', closureReason: 'duplicate', duplicateOf: tip.id })).statusCode).toBe(400);
    expect((await hub.post(`/api/v1/reports/${tip.id}/status`, { status: 'closed', closureReason: 'unfounded' })).statusCode).toBe(204);
    const again = await hub.post(`/api/v1/reports/${tip.id}/status`, { status: 'in_action' });
    expect(again.statusCode).toBe(409);
    expect(again.data.error.details[0].message).toBe('No se puede pasar de «closed» a «in_action».');
    const twoResponsible = await hub.post(`/api/v1/reports/${tip.id}/forward`, { recipients: [{ orgId: police.id, role: 'responsible' }, { orgId: prosecutor.id, role: 'responsible' }] });
    expect(twoResponsible.statusCode).toBe(400);
    expect((await hub.post(`/api/v1/reports/${tip.id}/status`, { status: 'triaged' })).statusCode).toBe(204); // reopened
    const unknownOrg = await hub.post(`/api/v1/reports/${tip.id}/forward`, { recipients: [{ orgId: '00000000-0000-4000-8000-000000000000', role: 'responsible' }] });
    expect(unknownOrg.data.error.details[0].field).toBe('recipients.0.orgId');
    const state = await t.ctx.db.selectFrom('reports').select(['status', 'closure_reason']).where('id', '=', tip.id).executeTakeFirstOrThrow();
    expect(state).toEqual({ status: 'triaged', closure_reason: null });
  });

  it('opens the intake line to an organisation only when a platform administrator says so', async () => {
    const tip = await submitTip('Reporte para la nueva línea de recepción');
    const office = await makeOrg(t.ctx, { type: 'municipality' });
    const officeCoordinator = await login(t.app, (await makeUser(t.ctx, [{ orgId: office.id, role: 'coordinator' }])).email);
    const ids = async () => (await as(officeCoordinator).get('/api/v1/reports')).data.items.map((i: { id: string }) => i.id);
    expect(await ids()).not.toContain(tip.id);
    const patch = (auth: Auth, triageHub: boolean) => api(t.app, { method: 'PATCH', url: `/api/v1/organizations/${office.id}`, auth, body: { triageHub } });
    expect((await patch(policeCoordinator, true)).statusCode).toBe(403);
    const admin = { token: await makeToken(t.ctx, (await makeUser(t.ctx, [], { platformAdmin: true })).id) };
    const flagged = await patch(admin, true);
    expect(flagged.statusCode).toBe(200);
    expect(flagged.data.triageHub).toBe(true);
    expect((await api(t.app, { url: '/api/v1/organizations', auth: admin })).data.items.find((o: { id: string }) => o.id === office.id).triageHub).toBe(true);
    expect(await ids()).toContain(tip.id);
    await patch(admin, false);
    expect(await ids()).not.toContain(tip.id);
  });

  it('keeps conduct feedback with oversight bodies and never forwards what was given for statistics only', async () => {
    const oversight = await makeOrg(t.ctx, { type: 'oversight_body' });
    const overseer = await login(t.app, (await makeUser(t.ctx, [{ orgId: oversight.id, role: 'coordinator' }])).email);
    const insert = async (consent: string) => {
      const { rows } = await sql<{ id: string }>`
        insert into reports (channel, category, body, receipt_key, passphrase_hash, received_hour, consent_tier, concerned_org_id)
        values ('conduct', 'complaint_disrespect', ${`Queja ${consent} ${Math.random()}`}, ${`k-${Math.random()}`}, 'h', date_trunc('hour', now()), ${consent}, ${police.id})
        returning id`.execute(t.ctx.db);
      return rows[0]!.id;
    };
    const countOnly = await insert('statistics_only');
    const anonymous = await insert('anonymous');
    for (const auth of [hubCoordinator, policeCoordinator]) expect((await as(auth).get(`/api/v1/reports/${anonymous}`)).statusCode).toBe(404);
    const view = await as(overseer).get(`/api/v1/reports/${countOnly}`);
    expect(view.data).toMatchObject({ channel: 'conduct', consentTier: 'statistics_only' });
    const refused = await as(overseer).post(`/api/v1/reports/${countOnly}/forward`, { recipients: [{ orgId: prosecutor.id, role: 'informed' }] });
    expect(refused.statusCode).toBe(400);
    expect(refused.data.error.details[0]).toMatchObject({ field: 'recipients', code: 'triage.statistics_only' });
    const toUnit = await as(overseer).post(`/api/v1/reports/${anonymous}/forward`, { recipients: [{ orgId: police.id, role: 'informed' }] });
    expect(toUnit.data.error.details[0]).toMatchObject({ field: 'recipients.0.orgId', code: 'triage.concerned_unit' });
    expect((await as(overseer).post(`/api/v1/reports/${anonymous}/forward`, { recipients: [{ orgId: prosecutor.id, role: 'informed' }] })).statusCode).toBe(204);
  });

  it('suggests possible duplicates: nearby within a week, or similar text', async () => {
    const first = await submitTip('Hay un punto de venta de cocaína frente a la escuela Rafael Landívar');
    const near = await submitTip('Algo distinto: motos sin placa rondan', nearby);
    const similar = await submitTip('Hay un punto de venta de cocaína frente a la escuela Landívar', null);
    const unrelated = await submitTip('Extorsionan a los buses de la ruta 5', { lon: PLACE.lon + 0.1, lat: PLACE.lat });
    const view = await as(hubCoordinator).get(`/api/v1/reports/${first.id}`);
    const ids = view.data.duplicates.map((d: { id: string }) => d.id);
    expect(ids).toContain(near.id);
    expect(ids).toContain(similar.id);
    expect(ids).not.toContain(unrelated.id);
    const nearItem = view.data.duplicates.find((d: { id: string }) => d.id === near.id);
    expect(nearItem.distanceM).toBeGreaterThan(30);
    expect(nearItem.distanceM).toBeLessThan(100);
    // An officer of another organisation never learns of them.
    expect((await as(otherCoordinator).get(`/api/v1/reports/${first.id}`)).statusCode).toBe(404);
  });

  it('publishes median response times, withholding groups under five reports', async () => {
    const stats = async () => (await api(t.app, { url: '/api/v1/public/report-response-times?channel=tip' })).data;
    const before = await stats();
    expect(before.minimumCount).toBe(5);
    expect(before.items.find((i: { orgName: string }) => i.orgName === null)).toBeUndefined();
    for (let i = 0; i < 5; i++) {
      const tip = await submitTip(`Reporte sin ubicación número ${i} ${Math.random()}`, null);
      await as(hubCoordinator).post(`/api/v1/reports/${tip.id}/status`, { status: 'triaged' });
    }
    const after = await stats();
    const queue = after.items.find((i: { orgName: string | null; category: string }) => i.orgName === null && i.category === 'drug_sales');
    expect(queue.reports).toBeGreaterThanOrEqual(5);
    expect(queue.medianHoursToTriage).toBeGreaterThanOrEqual(0);
    expect(queue.medianHoursToTriage).toBeLessThanOrEqual(1);
    expect(JSON.stringify(after)).not.toContain('Reporte sin ubicación');
  });

  it('tells staff about new reports in their queue as they arrive (Server-Sent Events)', async () => {
    const address = await serverUrl();
    const open = async (auth: Auth) => {
      const controller = new AbortController();
      const response = await fetch(`${address}/api/v1/reports/stream`, { headers: { cookie: (auth as { cookie: string }).cookie }, signal: controller.signal });
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      let text = '';
      const reader = response.body!.getReader();
      void (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            text += new TextDecoder().decode(value);
          }
        } catch {
          // aborted
        }
      })();
      return { text: () => text, close: () => controller.abort() };
    };
    const police = await open(policeCoordinator);
    const other = await open(otherCoordinator);
    await new Promise((r) => setTimeout(r, 200));
    const tip = await submitTip('Llegó un camión con bultos sospechosos');
    for (let i = 0; i < 100 && !police.text().includes(tip.id); i++) await new Promise((r) => setTimeout(r, 50));
    expect(police.text()).toContain(`"id":"${tip.id}"`);
    expect(police.text()).toContain('report.received');
    await new Promise((r) => setTimeout(r, 300));
    expect(other.text()).not.toContain(tip.id);
    police.close();
    other.close();
    expect((await fetch(`${address}/api/v1/reports/stream`)).status).toBe(401);
  });

  it('puts each forwarded copy in the operations stream of the organisation that receives it, and only there', async () => {
    const address = await serverUrl();
    const head = (await as(policeOfficer).get('/api/v1/operations/feed?limit=1')).data.head as number;
    const open = (auth: Auth) => SseClient.open(`${address}/api/v1/operations/stream?lastEventId=${head}`, { cookie: (auth as { cookie: string }).cookie });
    const [policeStream, otherStream] = [await open(policeOfficer), await open(otherOfficer)];
    const tip = await submitTip('Guardan armas en la bodega detrás del mercado');
    expect((await as(hubCoordinator).post(`/api/v1/reports/${tip.id}/forward`, { recipients: [{ orgId: police.id, role: 'responsible' }] })).statusCode).toBe(204);
    const sentinel = randomUUID();
    await t.ctx.db.transaction().execute((trx) =>
      t.ctx.feed.publish(trx, { kind: 'test.sentinel', record: { type: 'test_record', id: sentinel }, marking: { tlp: 'GREEN', ownerOrgId: police.id, createdBy: null, sharingGroupIds: [], recipientUserIds: [] } }));
    const forwarded = (c: SseClient) => c.parsed<{ kind: string; recordType: string; recordId: string; data: object }>().filter((e) => e.kind === 'report.forwarded');
    await policeStream.until((c) => forwarded(c).length === 1, 'the forwarded copy');
    const [event] = forwarded(policeStream);
    expect(event).toMatchObject({ recordType: 'report_forward', ownerOrgId: police.id, tlp: 'AMBER', data: { role: 'responsible' } });
    const copy = await as(policeOfficer).get(`/api/v1/report-forwards/${event!.recordId}`);
    expect(copy.data).toMatchObject({ reportId: tip.id, body: 'Guardan armas en la bodega detrás del mercado' });
    expect(JSON.stringify(policeStream.messages)).not.toContain('armas');
    await otherStream.until((c) => c.parsed<{ recordId: string }>().some((e) => e.recordId === sentinel), 'the sentinel');
    expect(forwarded(otherStream)).toEqual([]);
    policeStream.close();
    otherStream.close();
  });
});
