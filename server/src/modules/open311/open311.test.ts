import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../../../test/anonymity.ts';
import { api, makeUser } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { createOrganization } from '../organizations/service.ts';

/*
 * A GeoReport v2 client that knows only the specification (http://wiki.open311.org/GeoReport_v2
 * and /Service_Discovery): it starts from discovery, speaks the spec's parameter names, posts
 * form-encoded, and reads JSON and XML. Nothing here knows how Alianza stores reports.
 */

type Format = 'json' | 'xml';
type Params = Record<string, string>;
/** Elements the spec defines as lists (XML plural elements, JSON arrays). */
const SPEC_LISTS = new Set(['services', 'service_requests', 'endpoints', 'formats', 'attributes', 'values', 'errors']);

interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

/** A strict parser for the XML the spec uses (declaration, elements, text, the five entities): anything else fails. */
function parseXml(doc: string): XmlElement {
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*/.exec(doc);
  if (!declaration) throw new Error('missing XML declaration');
  let at = declaration[0].length;
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  const decode = (text: string) =>
    text.replace(/&([a-z]+);|&|</g, (match, name: string | undefined) => {
      if (name && name in entities) return entities[name]!;
      throw new Error(`bad character data near ${JSON.stringify(match)}`);
    });
  function element(): XmlElement {
    const open = /^<([A-Za-z_][\w.-]*)>/.exec(doc.slice(at));
    if (!open) throw new Error(`expected an element at ${at}: ${doc.slice(at, at + 40)}`);
    at += open[0].length;
    const node: XmlElement = { name: open[1]!, children: [], text: '' };
    for (;;) {
      if (doc.startsWith(`</${node.name}>`, at)) {
        at += node.name.length + 3;
        return node;
      }
      if (doc.startsWith('</', at) || at >= doc.length) throw new Error(`unclosed <${node.name}>`);
      if (doc[at] === '<') node.children.push(element());
      else {
        const end = doc.indexOf('<', at);
        node.text += decode(doc.slice(at, end < 0 ? doc.length : end));
        at = end < 0 ? doc.length : end;
      }
    }
  }
  const root = element();
  if (doc.slice(at).trim() !== '') throw new Error('content after the root element');
  return root;
}

/** The spec's JSON is the XML without the root list element; values become text for comparison. */
function xmlAsJson(node: XmlElement): unknown {
  if (SPEC_LISTS.has(node.name)) return node.children.map(xmlAsJson);
  if (node.children.length === 0) return node.text;
  return Object.fromEntries(node.children.map((c) => [c.name, xmlAsJson(c)]));
}
const asText = (value: unknown): unknown => JSON.parse(JSON.stringify(value), (_k, v: unknown) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v));

class GeoReportClient {
  endpoint = '';
  constructor(
    private readonly platform: () => TestPlatform,
    private readonly language = 'en',
  ) {}

  async raw(method: 'GET' | 'POST', path: string, format: Format, params: Params = {}, options: { address?: string; headers?: Record<string, string> } = {}) {
    const query = new URLSearchParams(params).toString();
    const url = `${this.endpoint}/${path}.${format}`;
    return this.platform().app.inject({
      method,
      url: method === 'GET' && query ? `${url}?${query}` : url,
      headers: { 'accept-language': this.language, ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } : {}), ...options.headers },
      ...(method === 'POST' ? { payload: query } : {}),
      ...(options.address ? { remoteAddress: options.address } : {}),
    });
  }

  /** Calls a method in one format; answers the JSON value, or the XML converted to the same shape. */
  async call(method: 'GET' | 'POST', path: string, format: Format, params: Params = {}, options: { address?: string } = {}) {
    const response = await this.raw(method, path, format, params, options);
    const expectedType = format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8';
    expect(response.headers['content-type'], `${method} ${path}.${format}: ${response.body}`).toBe(expectedType);
    const body = format === 'json' ? (JSON.parse(response.body) as unknown) : xmlAsJson(parseXml(response.body));
    return { status: response.statusCode, body: body as any, raw: response.body };
  }

  /** Both formats must carry the same content; answers the JSON. */
  async both(path: string, params: Params = {}) {
    const json = await this.call('GET', path, 'json', params);
    const xml = await this.call('GET', path, 'xml', params);
    expect(xml.status).toBe(json.status);
    expect(xml.body).toEqual(asText(json.body));
    return json;
  }

  async discover(root: string) {
    const response = await this.platform().app.inject({ url: `${root}/discovery.json` });
    const discovery = JSON.parse(response.body);
    const endpoint = discovery.endpoints.find((e: { specification: string }) => e.specification === 'http://wiki.open311.org/GeoReport_v2');
    this.endpoint = new URL(endpoint.url).pathname;
    return { discovery, endpoint };
  }
}

let t: TestPlatform;
let addressCount = 0;
/** A different client address per submission, so the per-address limit stays out of the way. */
const freshAddress = () => `198.18.${Math.floor(++addressCount / 250)}.${(addressCount % 250) + 1}`;
const client = new GeoReportClient(() => t);

beforeAll(async () => {
  t = await startTestPlatform({ config: { bodyLimitBytes: 16_384 } });
  await client.discover('/open311/v2');
});
afterAll(async () => t.stop());

const post = (params: Params, format: Format = 'json', c = client) => c.call('POST', 'requests', format, params, { address: freshAddress() });
const DOWNTOWN = { lat: '45.519180', long: '-122.679340' };

describe('Open311 GeoReport v2, through a client that knows only the specification', () => {
  it('discovers the endpoint, lists the services and their definitions, in JSON and XML', async () => {
    const { discovery, endpoint } = await client.discover('/open311/v2');
    expect(discovery).toMatchObject({ changeset: expect.any(String), contact: expect.any(String), key_service: expect.stringContaining('api_key') });
    expect(endpoint).toMatchObject({ type: expect.stringMatching(/^(production|test)$/), changeset: expect.any(String) });
    expect(endpoint.formats).toEqual(expect.arrayContaining(['text/xml', 'application/json']));
    await client.both('discovery');

    const services = (await client.both('services')).body as { service_code: string; service_name: string; metadata: boolean; type: string }[];
    expect(services.map((s) => s.service_code).sort()).toEqual(['abandoned_building', 'broken_lighting', 'graffiti_markings', 'illegal_dumping', 'unsafe_path']);
    for (const s of services) expect(s).toMatchObject({ service_name: expect.any(String), description: expect.any(String), type: 'realtime', group: expect.any(String) });

    const definition = (await client.both(`services/${services[0]!.service_code}`)).body;
    expect(definition.service_code).toBe(services[0]!.service_code);
    // No input is asked beyond the standard fields; the one attribute is informational.
    expect(definition.attributes.every((a: { variable: boolean; required: boolean }) => !a.variable && !a.required)).toBe(true);
    expect(definition.attributes[0].description).toMatch(/email.*not stored/);
  });

  it('accepts a form-encoded request, answers its id, and shows it by id and in filtered lists', async () => {
    const created = await post({ service_code: 'broken_lighting', description: 'Three street lights out on the corner.', ...DOWNTOWN });
    expect(created.status).toBe(201);
    expect(created.body).toEqual([{ service_request_id: expect.stringMatching(/^\d+$/), service_notice: expect.any(String) }]);
    const id = created.body[0].service_request_id as string;
    const other = (await post({ service_code: 'illegal_dumping', description: 'Rubble dumped on the lot.', address_string: 'Oak St & 5th Ave, Portland' }, 'xml')).body[0].service_request_id as string;

    const [request] = (await client.both(`requests/${id}`)).body;
    expect(request).toMatchObject({ service_request_id: id, status: 'open', service_code: 'broken_lighting', service_name: 'Broken street lighting', status_notes: expect.any(String) });
    expect(request.requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00Z$/);
    expect(request.updated_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00Z$/);
    expect(typeof request.lat).toBe('number');

    const both = (await client.both('requests', { service_request_id: `${id}, ${other}` })).body;
    expect(both.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([id, other].sort());
    // service_request_id overrides every other filter.
    expect((await client.both('requests', { service_request_id: id, status: 'closed', service_code: 'graffiti_markings' })).body).toHaveLength(1);

    const ids = async (params: Params) => ((await client.both('requests', params)).body as { service_request_id: string }[]).map((r) => r.service_request_id);
    expect(await ids({})).toEqual(expect.arrayContaining([id, other]));
    expect(await ids({ service_code: 'illegal_dumping,unsafe_path' })).toContain(other);
    expect(await ids({ service_code: 'illegal_dumping,unsafe_path' })).not.toContain(id);
    expect(await ids({ status: 'open' })).toContain(id);
    expect(await ids({ status: 'closed' })).not.toContain(id);
    expect(await ids({ status: 'open,closed', service_code: '' })).toContain(id);
    const now = Date.now();
    const w3c = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
    expect(await ids({ start_date: w3c(now - 2 * 3_600_000), end_date: w3c(now + 3_600_000) })).toContain(id);
    expect(await ids({ start_date: w3c(now - 30 * 86_400_000), end_date: w3c(now - 20 * 86_400_000) })).not.toContain(id);
    expect(await ids({ end_date: w3c(now - 86_400_000) })).not.toContain(id);
  });

  it('shows the status, its notes, the agency once forwarded, and the description once reviewed', async () => {
    const admin = await makeUser(t.ctx, [], { platformAdmin: true });
    const square = { type: 'Polygon' as const, coordinates: [[[-122.7, 45.5], [-122.6, 45.5], [-122.6, 45.6], [-122.7, 45.6], [-122.7, 45.5]]] };
    const city = await createOrganization(t.ctx, systemActor(), { name: 'Ciudad de Prueba', type: 'municipality', country: 'US', jurisdiction: square });
    const hidden = await createOrganization(t.ctx, systemActor(), { name: 'Unidad Sin Jurisdicción', type: 'police_agency', country: 'US' });
    await t.ctx.db
      .insertInto('routing_rules')
      .values({ channel: 'unsafe_place', category: 'abandoned_building', org_id: city.id, role: 'responsible', scope: 'jurisdiction', priority: 0, created_by: admin.id })
      .execute();
    const text = 'Casa abandonada <script>alert("x")</script> & "okupas"';
    const id = (await post({ service_code: 'abandoned_building', description: text, ...DOWNTOWN, address_string: 'Calle 5 #23' })).body[0].service_request_id;
    const routed = await t.ctx.db.selectFrom('reports').select(['id', 'responsible_org_id']).where('public_id', '=', id).executeTakeFirstOrThrow();
    expect(routed.responsible_org_id).toBe(city.id);

    // Received: the routing decision, the reporter's words and address are not public yet.
    let [r] = (await client.both(`requests/${id}`)).body;
    expect(r.agency_responsible).toBeUndefined();
    expect(r.description).toBeUndefined();
    expect(r.address).toBeUndefined();
    expect(r.service_notice).toMatch(/reviewed/);

    const setState = (values: Record<string, unknown>) => t.ctx.db.updateTable('reports').set(values).where('id', '=', routed.id).execute();
    await setState({ status: 'forwarded' });
    [r] = (await client.both(`requests/${id}`)).body;
    expect(r).toMatchObject({ status: 'open', agency_responsible: 'Ciudad de Prueba', description: text, address: 'Calle 5 #23', status_notes: 'Forwarded to the responsible institution.' });
    // Script text is data: escaped in the XML, intact once parsed.
    const xml = await client.call('GET', `requests/${id}`, 'xml');
    expect(xml.raw).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;');
    expect(xml.raw).not.toContain('<script>');
    expect(xml.body[0].description).toBe(text);

    await setState({ status: 'closed', closure_reason: 'actioned', updated_at: new Date(Date.now() + 7_200_000) });
    [r] = (await client.both(`requests/${id}`)).body;
    expect(r).toMatchObject({ status: 'closed', status_notes: 'Closed: action was taken.', agency_responsible: 'Ciudad de Prueba' });
    expect(r.updated_datetime > r.requested_datetime).toBe(true);
    expect(r.updated_datetime).toMatch(/T\d\d:00:00Z$/);

    // An organisation without a public jurisdiction is never named.
    await setState({ status: 'forwarded', closure_reason: null, responsible_org_id: hidden.id });
    [r] = (await client.both(`requests/${id}`)).body;
    expect(r.agency_responsible).toBeUndefined();

    // Closed as unfounded: the reporter's words are withdrawn from public view.
    await setState({ status: 'closed', closure_reason: 'unfounded' });
    [r] = (await client.both(`requests/${id}`)).body;
    expect(r.description).toBeUndefined();
    expect(r.status_notes).toBe('Closed: the problem was not confirmed.');
  });

  it('publishes locations rounded to the configured grid, never as sent', async () => {
    const sent = { lat: 45.523062, long: -122.676482 };
    const near = { lat: sent.lat + 0.00005, long: sent.long + 0.00005 }; // about 7 m away
    const read = async (p: { lat: number; long: number }) => {
      const id = (await post({ service_code: 'unsafe_path', description: 'Pasaje oscuro.', lat: String(p.lat), long: String(p.long) })).body[0].service_request_id;
      const { lat, long } = (await client.both(`requests/${id}`)).body[0] as { lat: number; long: number };
      return { lat, long };
    };
    const a = await read(sent);
    expect(a.lat).not.toBe(sent.lat);
    expect(a.long).not.toBe(sent.long);
    const metres = Math.hypot((a.lat - sent.lat) * 111_320, (a.long - sent.long) * 111_320 * Math.cos((sent.lat * Math.PI) / 180));
    expect(metres).toBeLessThanOrEqual(72);
    const b = await read(near);
    if (Math.floor(sent.lat / (100 / 111_320)) === Math.floor(near.lat / (100 / 111_320))) expect(b).toEqual(a);

    const precision = t.ctx.config.publicLocationPrecisionM;
    t.ctx.config.publicLocationPrecisionM = 1000;
    try {
      const coarse = await read(sent);
      const far = Math.hypot((coarse.lat - sent.lat) * 111_320, (coarse.long - sent.long) * 111_320 * Math.cos((sent.lat * Math.PI) / 180));
      expect(far).toBeLessThanOrEqual(710);
      expect(coarse).not.toEqual(a);
    } finally {
      t.ctx.config.publicLocationPrecisionM = precision;
    }
  });

  it('never shows confidential tips or conduct feedback, whatever the request', async () => {
    const tipCodes = (await t.ctx.db.selectFrom('report_categories').select('code').where('channel', '<>', 'unsafe_place').execute()).map((c) => c.code);
    const tip = await api(t.app, { method: 'POST', url: '/api/v1/tips', body: { category: 'drug_sales', body: 'Venden en la esquina.', location: { lon: -122.67, lat: 45.52 } }, remoteAddress: freshAddress() });
    expect(tip.statusCode).toBe(201);
    const unit = await t.ctx.db.insertInto('organizations').values({ name: `Comisaría ${Math.random()}`, type: 'police_agency', country: 'US' }).returning('id').executeTakeFirstOrThrow();
    await sql`
      insert into reports (channel, category, body, receipt_key, passphrase_hash, received_hour, consent_tier, concerned_org_id)
      values ('conduct', 'complaint_disrespect', 'Queja sobre un agente', 'k-conduct-test', 'h', date_trunc('hour', now()), 'public', ${unit.id})`.execute(t.ctx.db);
    // Tips and conduct feedback have no public number at all: nothing to look up or count.
    const numbered = await t.ctx.db.selectFrom('reports').select('public_id').where('channel', '<>', 'unsafe_place').where('public_id', 'is not', null).execute();
    expect(numbered).toEqual([]);
    const hiddenBodies = ['Venden en la esquina.', 'Queja sobre un agente'];

    const services = (await client.both('services')).body as { service_code: string }[];
    expect(services.map((s) => s.service_code)).not.toEqual(expect.arrayContaining([expect.toBeOneOf(tipCodes)]));
    for (const code of ['drug_sales', 'complaint_disrespect']) {
      expect((await client.call('GET', `services/${code}`, 'json')).status).toBe(404);
      expect((await post({ service_code: code, description: 'x', ...DOWNTOWN })).status).toBe(404);
    }
    const listed = [
      ...(await client.both('requests', { service_code: tipCodes.join(',') })).body,
      ...(await client.both('requests', {})).body,
    ] as { service_request_id: string; service_code: string; description?: string }[];
    for (const r of listed) {
      expect(hiddenBodies).not.toContain(r.description);
      expect(tipCodes).not.toContain(r.service_code);
    }
    expect(await dumpDatabase(t.ctx.db)).toContain('Venden en la esquina.'); // the tip exists all along
  });

  it('keeps nothing about the person: not the personal fields, address, agent, cookie or exact time', async () => {
    const marker = `m${Date.now()}`;
    const personal = {
      email: `vecina.${marker}@example.org`,
      first_name: `Rosa${marker}`,
      last_name: `Quispe${marker}`,
      phone: `+51 999 ${marker}`,
      device_id: `device-${marker}`,
      account_id: `account-${marker}`,
      media_url: `https://photos.example.org/${marker}.jpg`,
      api_key: `key-${marker}`,
    };
    const response = await client.raw('POST', 'requests', 'json', { service_code: 'graffiti_markings', description: `Marcas de pandilla ${marker}`, ...DOWNTOWN, ...personal }, {
      address: '198.51.100.77',
      headers: { 'x-forwarded-for': '203.0.113.99', 'user-agent': 'Civic-App/7.7 (distinctive)', cookie: 'session=zzz-cookie-zzz' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    const dump = await dumpDatabase(t.ctx.db);
    expect(dump).toContain(`Marcas de pandilla ${marker}`);
    for (const trace of [...Object.values(personal), '198.51.100.77', '203.0.113.99', 'Civic-App', 'zzz-cookie-zzz']) {
      expect(dump, trace).not.toContain(trace);
      expect(t.logs.text, trace).not.toContain(trace);
    }
    expect(t.logs.text).not.toContain(marker);
    const report = await t.ctx.db.selectFrom('reports').select(['id', 'received_hour', 'updated_at']).where('body', '=', `Marcas de pandilla ${marker}`).executeTakeFirstOrThrow();
    expect(report.received_hour.getTime() % 3_600_000).toBe(0);
    expect(report.updated_at.getTime() % 3_600_000).toBe(0);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['at', 'request_id', 'actor_user_id', 'action']).where('record_id', '=', report.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', request_id: null, actor_user_id: null });
    expect(audit[0]!.at.getTime() % 3_600_000).toBe(0);
  });

  it('answers bad input with the spec error list, HTTP status and localized descriptions, in JSON and XML', async () => {
    const es = new GeoReportClient(() => t, 'es');
    const pt = new GeoReportClient(() => t, 'pt');
    es.endpoint = pt.endpoint = client.endpoint;
    const errorOf = async (c: GeoReportClient, method: 'GET' | 'POST', path: string, params: Params, format: Format = 'json') => {
      const r = await c.call(method, path, format, params, { address: freshAddress() });
      expect(r.body.length).toBeGreaterThan(0);
      for (const e of r.body) expect(e).toEqual({ code: format === 'json' ? r.status : String(r.status), description: expect.any(String) });
      return { status: r.status, text: (r.body as { description: string }[]).map((e) => e.description).join(' | ') };
    };
    const valid = { service_code: 'broken_lighting', description: 'Farola apagada.', ...DOWNTOWN };

    expect(await errorOf(es, 'POST', 'requests', { ...valid, lat: 'norte' })).toEqual({ status: 400, text: 'lat: lat y long deben ser números (WGS 84) y enviarse juntos.' });
    expect(await errorOf(pt, 'POST', 'requests', { ...valid, lat: '95' }, 'xml')).toEqual({ status: 400, text: 'lat: lat e long devem ser números (WGS 84) enviados juntos.' });
    expect((await errorOf(client, 'POST', 'requests', { ...valid, long: '' })).text).toBe('long: lat and long must be numbers (WGS 84) sent together.');
    expect((await errorOf(es, 'POST', 'requests', { service_code: 'broken_lighting', description: 'x' })).text).toBe('Indique lat y long, o address_string.');
    expect(await errorOf(es, 'POST', 'requests', { ...valid, service_code: 'parking' }, 'xml')).toEqual({ status: 404, text: 'Servicio desconocido: parking.' });
    expect(await errorOf(es, 'POST', 'requests', { ...valid, description: '   ' })).toEqual({ status: 400, text: 'description: Campo obligatorio.' });
    expect(await errorOf(client, 'POST', 'requests', { ...valid, description: 'x'.repeat(4001) })).toEqual({ status: 400, text: 'description: Must be at most 4000 characters long.' });
    expect((await errorOf(client, 'POST', 'requests', { description: 'x', ...DOWNTOWN })).text).toBe('service_code: This field is required.');
    expect((await errorOf(client, 'POST', 'requests', { ...valid, description: 'x'.repeat(20_000) }, 'xml')).status).toBe(413);
    const plain = await t.app.inject({ method: 'POST', url: `${client.endpoint}/requests.json`, headers: { 'content-type': 'text/plain' }, payload: 'service_code=x' });
    expect(plain.statusCode).toBe(415);
    expect(JSON.parse(plain.body)[0].description).toMatch(/application\/x-www-form-urlencoded/);

    expect(await errorOf(es, 'GET', 'requests/999999999', {}, 'xml')).toEqual({ status: 404, text: 'No existe la solicitud 999999999.' });
    expect((await errorOf(client, 'GET', 'requests/abc', {})).status).toBe(404);
    expect((await errorOf(client, 'GET', 'services/nothing_here', {}, 'xml')).text).toBe('Unknown service: nothing_here.');
    expect((await errorOf(client, 'GET', 'requests', { status: 'pending' })).text).toBe('status: status must be open, closed, or both separated by a comma.');
    expect((await errorOf(client, 'GET', 'requests', { start_date: 'yesterday' })).text).toMatch(/^start_date: Invalid date/);
    expect((await errorOf(client, 'GET', 'requests', { start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' })).text).toBe('end_date: start_date must come before end_date, at most 90 days apart.');
    expect((await errorOf(client, 'GET', 'requests', { service_request_id: '1,two' })).status).toBe(400);
    expect((await errorOf(client, 'GET', 'nowhere', {}, 'xml')).status).toBe(404);
    // A browser asking for an unknown Open311 path gets the spec's 404, not the web application.
    const browser = await t.app.inject({ url: `${client.endpoint}/nowhere.json`, headers: { accept: 'text/html' } });
    expect([browser.statusCode, JSON.parse(browser.body)[0].code]).toEqual([404, 404]);
  });

  it('also takes JSON bodies, and limits submissions per address without storing it', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: `${client.endpoint}/requests.json`,
      headers: { 'content-type': 'application/json' },
      payload: { service_code: 'illegal_dumping', description: 'Escombros.', lat: 45.51, long: -122.66, email: '' },
      remoteAddress: freshAddress(),
    });
    expect(json.statusCode).toBe(201);
    const address = '192.0.2.211';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await client.raw('POST', 'requests', 'xml', { service_code: 'illegal_dumping', description: `basura ${i}`, ...DOWNTOWN }, { address })).statusCode);
    // The web form shares the budget of 10 per hour.
    for (let i = 0; i < 4; i++) {
      const web = await api(t.app, { method: 'POST', url: '/api/v1/unsafe-places', body: { category: 'illegal_dumping', description: `web ${i}`, locationText: 'Plaza' }, remoteAddress: address });
      statuses.push(web.statusCode);
    }
    const limited = await client.call('POST', 'requests', 'xml', { service_code: 'illegal_dumping', description: 'once more', ...DOWNTOWN }, { address });
    expect(statuses.every((s) => s === 201)).toBe(true);
    expect(limited.status).toBe(429);
    expect(limited.body[0].code).toBe('429');
  });
});
