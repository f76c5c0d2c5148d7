import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { createSharingGroup } from '../sharing-groups/service.ts';
import { api, makeOrg, makeToken, makeUser, type Auth } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { runAnalysis } from '../../../test/analytics.ts';

/**
 * Analyses read only what the analyst may see. Each marking's incidents sit at their own
 * place, in a different number per marking, so a grid count shows exactly which markings an
 * analysis read.
 */
type Kind = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+group' | 'AMBER+STRICT' | 'RED';
const KINDS: Kind[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+group', 'AMBER+STRICT', 'RED'];
const HOW_MANY: Record<Kind, number> = { CLEAR: 1, GREEN: 2, AMBER: 3, 'AMBER+group': 4, 'AMBER+STRICT': 5, RED: 6 };
const place = (k: number) => ({ lon: -122.7 + 0.02 * k, lat: 45.52 });

let t: TestPlatform;
let analystOwn: Auth;
let analystPartner: Auth;
let outsider: Auth;
let member: Auth;
let readless: Auth;

beforeAll(async () => {
  t = await startTestPlatform();
  const own = await makeOrg(t.ctx, { type: 'police_agency', country: 'US' });
  const partner = await makeOrg(t.ctx, { type: 'police_agency', country: 'US' });
  const other = await makeOrg(t.ctx, { type: 'ngo', country: 'US' });
  const group = await createSharingGroup(t.ctx, systemActor(), { name: 'Task force', description: '', ownerOrgId: own.id, memberOrgIds: [partner.id] });
  const token = async (orgId: string, role: 'analyst' | 'officer' | 'member', scopes: ('read' | 'write')[] = ['read']) => {
    const user = await makeUser(t.ctx, [{ orgId, role }]);
    return { user, auth: { token: await makeToken(t.ctx, user.id, scopes) } };
  };
  analystOwn = (await token(own.id, 'analyst')).auth;
  const partnerAnalyst = await token(partner.id, 'analyst');
  analystPartner = partnerAnalyst.auth;
  outsider = (await token(other.id, 'analyst')).auth;
  member = (await token(own.id, 'member')).auth;
  readless = (await token(own.id, 'analyst', ['write'])).auth;
  const writer = (await token(own.id, 'officer', ['read', 'write'])).auth;
  for (const [k, kind] of KINDS.entries()) {
    for (let i = 0; i < HOW_MANY[kind]; i++) {
      const body = {
        tlp: kind.replace('+group', ''),
        iccsCode: '0501',
        occurredFrom: `2016-08-${String(10 + i).padStart(2, '0')}T12:00:00Z`,
        location: place(k),
        sharingGroupIds: kind === 'AMBER+group' ? [group.id] : [],
        recipientUserIds: kind === 'RED' ? [partnerAnalyst.user.id] : [],
      };
      const r = await api(t.app, { method: 'POST', url: '/api/v1/incidents', body, auth: writer });
      expect(r.statusCode, r.body).toBe(201);
    }
  }
});
afterAll(async () => t.stop());

const gridRequest = { statistic: 'grid', selection: { iccs: ['05'] }, parameters: { cellSize: 250 } };

/** Incidents per marking place, read back from the grid cells' centres. */
async function countsByKind(auth: Auth): Promise<Partial<Record<Kind, number>>> {
  const { run, result } = await runAnalysis(t.app, auth, gridRequest);
  expect(run?.status).toBe('succeeded');
  const counts: Partial<Record<Kind, number>> = {};
  for (const cell of result.cells.features as { geometry: { coordinates: number[][][] }; properties: { count: number } }[]) {
    const lon = cell.geometry.coordinates[0]!.reduce((s, p) => s + p[0]!, 0) / 5;
    const k = Math.round((lon + 0.7 + 122) / 0.02);
    counts[KINDS[k]!] = cell.properties.count;
  }
  return counts;
}

const only = (...kinds: Kind[]) => Object.fromEntries(kinds.map((k) => [k, HOW_MANY[k]]));

describe('analyses over what the analyst may see', () => {
  it('count, for each analyst, exactly the incidents the TLP rules let them read', async () => {
    expect(await countsByKind(analystOwn)).toEqual(only('CLEAR', 'GREEN', 'AMBER', 'AMBER+group', 'AMBER+STRICT'));
    expect(await countsByKind(analystPartner)).toEqual(only('CLEAR', 'GREEN', 'AMBER+group', 'RED'));
    expect(await countsByKind(outsider)).toEqual(only('CLEAR', 'GREEN'));
  });

  it('report how many restricted incidents each run read, and the same in every statistic', async () => {
    const own = await runAnalysis(t.app, analystOwn, { statistic: 'trends', selection: { iccs: ['05'] }, parameters: { period: 'month' } });
    expect(own.run).toMatchObject({ incidents: 15, restricted: { AMBER: 7, 'AMBER+STRICT': 5, RED: 0 } });
    expect(own.result.rows).toEqual([expect.objectContaining({ period: '2016-08', category: '05', count: 15 })]);
    const h3 = await runAnalysis(t.app, analystPartner, { statistic: 'h3', selection: { iccs: ['05'] }, parameters: { resolution: 8 } });
    expect(h3.run).toMatchObject({ incidents: 13, restricted: { AMBER: 4, 'AMBER+STRICT': 0, RED: 6 } });
    expect((h3.result.cells.features as { properties: { count: number } }[]).map((f) => f.properties.count).sort()).toEqual([1, 2, 4, 6]);
    const outside = await runAnalysis(t.app, outsider, { statistic: 'trends', selection: { iccs: ['05'] } });
    expect(outside.run).toMatchObject({ incidents: 3, restricted: { AMBER: 0, 'AMBER+STRICT': 0, RED: 0 } });
  });

  it('audits one entry per analysis that read restricted incidents, with its parameters and counts per marking', async () => {
    const last = async () => (await t.ctx.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()).seq;
    const before = await last();
    const { run } = await runAnalysis(t.app, analystPartner, gridRequest);
    const afterPartner = await last();
    await runAnalysis(t.app, outsider, gridRequest);
    const entries = await t.ctx.db.selectFrom('audit_log').selectAll().where('seq', '>', before).where('action', '=', 'analyse').execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ record_type: 'incident', record_id: null });
    expect(entries[0]!.diff).toMatchObject({
      run: run.id,
      statistic: 'grid',
      selection: { iccs: ['05'] },
      parameters: { cellSize: 250 },
      incidents: 13,
      restricted: { AMBER: 4, 'AMBER+STRICT': 0, RED: 6 },
    });
    // the outsider read nothing restricted: nothing more was written
    expect(await last()).toBe(afterPartner);
  });

  it('refuses anonymous callers, roles without need to know and tokens without read', async () => {
    expect((await api(t.app, { method: 'POST', url: '/api/v1/analytics/runs', body: gridRequest, auth: null })).statusCode).toBe(401);
    expect((await api(t.app, { method: 'POST', url: '/api/v1/analytics/runs', body: gridRequest, auth: member })).statusCode).toBe(403);
    expect((await api(t.app, { method: 'POST', url: '/api/v1/analytics/runs', body: gridRequest, auth: readless })).statusCode).toBe(403);
  });

  it("keeps a run to its owner: another analyst gets 404 for its status, result and downloads", async () => {
    const { run } = await runAnalysis(t.app, analystOwn, gridRequest);
    for (const suffix of ['', '/result', '/result.csv', '/result.geojson']) {
      const r = await api(t.app, { url: `/api/v1/analytics/runs/${run.id}${suffix}`, auth: analystPartner });
      expect(r.statusCode, suffix).toBe(404);
    }
    expect((await api(t.app, { method: 'DELETE', url: `/api/v1/analytics/runs/${run.id}`, auth: analystPartner })).statusCode).toBe(404);
    expect((await api(t.app, { url: `/api/v1/analytics/runs/${run.id}/result.csv`, auth: analystOwn })).statusCode).toBe(200);
  });
});
