import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { api, makeOrg, makeToken, makeUser, type Auth } from '../../../test/factories.ts';
import { graphFactories, neighbourhoodUrl, pathsUrl } from '../../../test/graph-factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';

let t: TestPlatform;
let analyst: Auth;
let analystId: string;
let outsider: Auth;
const f = graphFactories(() => t.app);
/** Ids of the fixture's entities by name. */
const e: Record<string, string> = {};
const l: Record<string, string> = {};

const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();
const byName = (...names: string[]) => names.map((n) => e[n]!).sort();
const get = async (url: string, auth: Auth = analyst, headers: Record<string, string> = {}) => api(t.app, { url, auth, headers });

/**
 *   boss ── lieutenant ── runner ── courier        gang ← boss, lieutenant (member_of)
 *                           │          │           hub ── 30 leaves
 *                         phone1 ─── phone2
 */
beforeAll(async () => {
  t = await startTestPlatform();
  const own = await makeOrg(t.ctx, { country: 'CO' });
  const other = await makeOrg(t.ctx, { country: 'PE' });
  const user = await makeUser(t.ctx, [{ orgId: own.id, role: 'analyst' }]);
  analystId = user.id;
  analyst = { token: await makeToken(t.ctx, user.id, ['read', 'write']) };
  outsider = { token: await makeToken(t.ctx, (await makeUser(t.ctx, [{ orgId: other.id, role: 'analyst' }])).id, ['read', 'write']) };

  for (const name of ['boss', 'lieutenant', 'runner', 'courier']) e[name] = (await f.person(analyst, name, name === 'courier' ? 'GREEN' : 'AMBER')).id;
  e.gang = (await f.group(analyst, 'La Empresa')).id;
  e.phone1 = (await f.phone(analyst, '+57 300 111 2222')).id;
  e.phone2 = (await f.phone(analyst, '+57 300 333 4444')).id;
  l.bossLt = (await f.link(analyst, e.boss!, e.lieutenant!, { validFrom: '2024-01-01T00:00:00Z', validTo: '2024-06-30T00:00:00Z' })).id;
  l.ltRunner = (await f.link(analyst, e.lieutenant!, e.runner!, { validFrom: '2025-01-01T00:00:00Z' })).id;
  l.runnerCourier = (await f.link(analyst, e.runner!, e.courier!, { tlp: 'GREEN' })).id;
  l.bossGang = (await f.link(analyst, e.boss!, e.gang!, { type: 'member_of' })).id;
  l.ltGang = (await f.link(analyst, e.lieutenant!, e.gang!, { type: 'member_of' })).id;
  l.runnerPhone1 = (await f.link(analyst, e.runner!, e.phone1!, { type: 'uses' })).id;
  l.courierPhone2 = (await f.link(analyst, e.courier!, e.phone2!, { type: 'uses' })).id;
  l.phones = (await f.link(analyst, e.phone1!, e.phone2!, { type: 'communicated_with' })).id;
  e.hub = (await f.person(analyst, 'hub')).id;
  for (let i = 0; i < 30; i += 1) {
    const leaf = (await f.person(analyst, `leaf ${i}`)).id;
    await f.link(analyst, e.hub!, leaf);
  }
});
afterAll(async () => t.stop());

describe('neighbourhood', () => {
  it('returns the entities within the depth, each with its distance, and every link among them', async () => {
    const one = await get(neighbourhoodUrl([e.boss!], { depth: 1 }));
    expect(one.statusCode, one.body).toBe(200);
    expect(ids(one.data.nodes)).toEqual(byName('boss', 'lieutenant', 'gang'));
    // lieutenant ── gang joins two entities of the last level: drawn too.
    expect(ids(one.data.edges)).toEqual([l.bossLt, l.bossGang, l.ltGang].sort());
    expect(one.data.truncated).toBe(false);
    const three = await get(neighbourhoodUrl([e.boss!], { depth: 3 }));
    const depthOf = Object.fromEntries(three.data.nodes.map((n: { id: string; depth: number }) => [n.id, n.depth]));
    expect(depthOf).toEqual({ [e.boss!]: 0, [e.lieutenant!]: 1, [e.gang!]: 1, [e.runner!]: 2, [e.courier!]: 3, [e.phone1!]: 3 });
    expect(three.data.edges).toContainEqual({
      id: l.bossLt, type: 'associate_of', source: e.boss, target: e.lieutenant, tlp: 'AMBER', ownerOrgId: expect.any(String),
      validFrom: '2024-01-01T00:00:00.000Z', validTo: '2024-06-30T00:00:00.000Z',
    });
    expect(three.data.nodes[0]).toMatchObject({ id: e.boss, type: 'person', label: 'boss', tlp: 'AMBER', depth: 0, mergedIds: [] });
  });

  it('starts from several entities at once', async () => {
    const r = await get(neighbourhoodUrl([e.boss!, e.phone2!], { depth: 1 }));
    expect(ids(r.data.nodes)).toEqual(byName('boss', 'lieutenant', 'gang', 'phone2', 'phone1', 'courier'));
    expect(r.data.nodes.filter((n: { depth: number }) => n.depth === 0).map((n: { id: string }) => n.id).sort()).toEqual(byName('boss', 'phone2'));
  });

  it('follows only the chosen link types, and traverses only the chosen entity types', async () => {
    const associates = await get(neighbourhoodUrl([e.boss!], { depth: 3, linkTypes: 'associate_of' }));
    expect(ids(associates.data.nodes)).toEqual(byName('boss', 'lieutenant', 'runner', 'courier'));
    // Phones are not traversed: courier is reached, phone1 is not, though only one link away from runner.
    const persons = await get(neighbourhoodUrl([e.runner!], { depth: 2, entityTypes: 'person' }));
    expect(ids(persons.data.nodes)).toEqual(byName('runner', 'lieutenant', 'courier', 'boss'));
    // The start entity is shown whatever its type.
    const fromPhone = await get(neighbourhoodUrl([e.phone1!], { depth: 1, entityTypes: 'person' }));
    expect(ids(fromPhone.data.nodes)).toEqual(byName('phone1', 'runner'));
  });

  it('keeps only links valid at some time in the window, and what is reachable only over them', async () => {
    const before2025 = await get(neighbourhoodUrl([e.runner!], { depth: 1, until: '2024-12-31T00:00:00Z' }));
    expect(ids(before2025.data.nodes)).toEqual(byName('runner', 'courier', 'phone1'));
    const since = await get(neighbourhoodUrl([e.boss!], { depth: 1, since: '2024-07-01T00:00:00Z' }));
    expect(ids(since.data.nodes)).toEqual(byName('boss', 'gang'));
    const overlapping = await get(neighbourhoodUrl([e.boss!], { depth: 1, since: '2024-06-01T00:00:00Z', until: '2024-06-02T00:00:00Z', linkTypes: 'associate_of' }));
    expect(ids(overlapping.data.edges)).toEqual([l.bossLt]);
  });

  it('stops at maxNodes or maxEdges and says the result was truncated', async () => {
    const capped = await get(neighbourhoodUrl([e.hub!], { depth: 2, maxNodes: 10 }));
    expect([capped.data.nodes.length, capped.data.truncated]).toEqual([10, true]);
    expect(capped.data.edges.every((x: { source: string; target: string }) => [x.source, x.target].every((n) => ids(capped.data.nodes).includes(n)))).toBe(true);
    const exact = await get(neighbourhoodUrl([e.hub!], { depth: 2, maxNodes: 31 }));
    expect([exact.data.nodes.length, exact.data.truncated]).toEqual([31, false]);
    const fewEdges = await get(neighbourhoodUrl([e.hub!], { depth: 1, maxEdges: 5 }));
    expect([fewEdges.data.edges.length, fewEdges.data.truncated]).toEqual([5, true]);
  });
});

describe('paths', () => {
  it('finds every shortest path, up to the limit, and nothing longer', async () => {
    const r = await get(pathsUrl(e.boss!, e.phone2!));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.data.length).toBe(4);
    const routes = r.data.paths.map((p: { nodeIds: string[] }) => p.nodeIds.join(' ')).sort();
    expect(routes).toEqual([
      [e.boss, e.lieutenant, e.runner, e.courier, e.phone2].join(' '),
      [e.boss, e.lieutenant, e.runner, e.phone1, e.phone2].join(' '),
    ].sort());
    const viaCourier = r.data.paths.find((p: { nodeIds: string[] }) => p.nodeIds.includes(e.courier!));
    expect(viaCourier.edgeIds).toEqual([l.bossLt, l.ltRunner, l.runnerCourier, l.courierPhone2]);
    expect(ids(r.data.nodes)).toEqual(byName('boss', 'lieutenant', 'runner', 'courier', 'phone1', 'phone2'));
    expect(r.data.edges).toHaveLength(6);
    const one = await get(pathsUrl(e.boss!, e.phone2!, { limit: 1 }));
    expect(one.data.paths).toHaveLength(1);
  });

  it('applies the filters to what lies between the ends', async () => {
    const persons = await get(pathsUrl(e.boss!, e.phone2!, { entityTypes: 'person' }));
    expect(persons.data.paths.map((p: { nodeIds: string[] }) => p.nodeIds)).toEqual([[e.boss, e.lieutenant, e.runner, e.courier, e.phone2]]);
    const outOfWindow = await get(pathsUrl(e.boss!, e.courier!, { until: '2024-12-31T00:00:00Z', linkTypes: 'associate_of' }));
    expect([outOfWindow.data.length, outOfWindow.data.paths, outOfWindow.data.truncated]).toEqual([null, [], false]);
  });

  it('finds no path longer than maxLength, and none between unconnected entities', async () => {
    const short = await get(pathsUrl(e.boss!, e.phone2!, { maxLength: 3 }));
    expect([short.data.length, short.data.paths, short.data.truncated]).toEqual([null, [], false]);
    const apart = await get(pathsUrl(e.boss!, e.hub!));
    expect([apart.data.length, apart.data.nodes, apart.data.edges]).toEqual([null, [], []]);
  });
});

describe('merged duplicates', () => {
  it('draws a merged entity as its survivor, with its links, until it is un-merged', async () => {
    const duplicate = (await f.person(analyst, 'boss (duplicate)')).id;
    const banker = (await f.person(analyst, 'banker')).id;
    const paid = (await f.link(analyst, duplicate, banker)).id;
    const merge = await t.ctx.db.insertInto('intel_entity_merges').values({ survivor_id: e.boss!, merged_id: duplicate, merged_by: analystId, reason: 'same person' }).returning('id').executeTakeFirstOrThrow();
    const around = await get(neighbourhoodUrl([e.boss!], { depth: 1, linkTypes: 'associate_of' }));
    expect(ids(around.data.nodes)).toEqual([e.boss!, e.lieutenant!, banker].sort());
    expect(around.data.edges.find((x: { id: string }) => x.id === paid)).toMatchObject({ source: e.boss, target: banker });
    expect(around.data.nodes.find((n: { id: string }) => n.id === e.boss).mergedIds).toEqual([duplicate]);
    const fromDuplicate = await get(neighbourhoodUrl([duplicate], { depth: 1, linkTypes: 'associate_of' }));
    expect(ids(fromDuplicate.data.nodes)).toEqual(ids(around.data.nodes));
    const path = await get(pathsUrl(banker, e.lieutenant!));
    expect(path.data.paths[0].nodeIds).toEqual([banker, e.boss, e.lieutenant]);

    await t.ctx.db.updateTable('intel_entity_merges').set({ unmerged_at: sql<Date>`now()`, unmerged_by: analystId }).where('id', '=', merge.id).execute();
    const after = await get(neighbourhoodUrl([e.boss!], { depth: 1, linkTypes: 'associate_of' }));
    expect(ids(after.data.nodes)).toEqual(byName('boss', 'lieutenant'));
  });
});

describe('bad input', () => {
  it('answers an unknown entity exactly like one the caller may not see', async () => {
    const hidden = (await f.person(outsider, 'not yours')).id;
    const unknown = '00000000-0000-4000-8000-000000000000';
    const answers = [];
    for (const url of [neighbourhoodUrl([hidden]), neighbourhoodUrl([unknown]), neighbourhoodUrl([e.boss!, hidden]), pathsUrl(e.boss!, hidden), pathsUrl(unknown, e.boss!)]) {
      const r = await get(url);
      answers.push([r.statusCode, r.data.error.code, r.data.error.message, r.data.error.details]);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]![0]).toBe(404);
  });

  it('refuses depths and limits out of range with localized field details', async () => {
    const cases: [string, string, string][] = [
      [neighbourhoodUrl([e.boss!], { depth: 0 }), 'querystring.depth', 'Debe ser al menos 1.'],
      [neighbourhoodUrl([e.boss!], { depth: 5 }), 'querystring.depth', 'Debe ser como máximo 4.'],
      [neighbourhoodUrl([e.boss!], { maxNodes: 5001 }), 'querystring.maxNodes', 'Debe ser como máximo 5000.'],
      [neighbourhoodUrl([e.boss!], { maxEdges: 0 }), 'querystring.maxEdges', 'Debe ser al menos 1.'],
      [pathsUrl(e.boss!, e.courier!, { maxLength: 9 }), 'querystring.maxLength', 'Debe ser como máximo 8.'],
      [pathsUrl(e.boss!, e.courier!, { limit: 0 }), 'querystring.limit', 'Debe ser al menos 1.'],
    ];
    for (const [url, field, message] of cases) {
      const r = await get(url, analyst, { 'accept-language': 'es' });
      expect(r.statusCode, url).toBe(400);
      expect(r.data.error.details, url).toEqual([expect.objectContaining({ field, message })]);
    }
  });

  it('names the offending entry of a list, an unknown type and a window that ends before it starts', async () => {
    const badId = await get(`/api/v1/intel/graph/neighbourhood?entityIds=${e.boss},nope`, analyst, { 'accept-language': 'en' });
    expect(badId.data.error.details.map((d: { field: string }) => d.field)).toEqual(['querystring.entityIds.1']);
    const badType = await get(neighbourhoodUrl([e.boss!], { entityTypes: 'person,spaceship' }));
    expect(badType.data.error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)).toEqual(['querystring.entityTypes.1:invalid_value']);
    const window = await get(neighbourhoodUrl([e.boss!], { since: '2025-01-01T00:00:00Z', until: '2024-01-01T00:00:00Z' }), analyst, { 'accept-language': 'pt' });
    expect(window.statusCode).toBe(400);
    expect(window.data.error.details).toEqual([{ field: 'querystring.until', code: 'graph.until_before_since', message: 'O fim da janela de tempo (until) não pode ser anterior ao seu início (since).' }]);
    const missing = await get('/api/v1/intel/graph/paths?from=' + e.boss);
    expect(missing.data.error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)).toEqual(['querystring.to:required']);
  });
});

describe('audit', () => {
  it('records one read per restricted entity and link returned, and none for GREEN ones', async () => {
    const before = await t.ctx.db.selectFrom('audit_log').select(sql<number>`coalesce(max(seq), 0)`.as('seq')).executeTakeFirstOrThrow();
    const r = await get(neighbourhoodUrl([e.runner!], { depth: 1 }));
    const reads = await t.ctx.db.selectFrom('audit_log').select(['record_type', 'record_id']).where('seq', '>', before.seq).where('action', '=', 'read').execute();
    const restricted = [...r.data.nodes, ...r.data.edges].filter((x: { tlp: string }) => x.tlp !== 'GREEN' && x.tlp !== 'CLEAR');
    expect(reads.map((x) => x.record_id).sort()).toEqual(ids(restricted));
    expect(reads.map((x) => x.record_id)).not.toContain(e.courier);
    expect(reads.map((x) => x.record_id)).not.toContain(l.runnerCourier);
    expect(new Set(reads.map((x) => x.record_type))).toEqual(new Set(['intel_entity', 'intel_link']));
  });
});
