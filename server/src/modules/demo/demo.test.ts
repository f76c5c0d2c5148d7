import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { ROLES, TLP_LEVELS } from '../../platform/db/schema.ts';
import { api, login, makeUser } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { ROOT } from '../../../test/template.ts';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../../../analytics/src/csv.ts';
import { DEMO_INCIDENTS_FILE, DEMO_PROFILE_NAME, demoCallTypes, finishDemoImport, iccsOfCallType } from './incidents.ts';
import { STALLED_AFTER_MS } from '../imports/import-job.ts';
import { insertChunk } from '../imports/run-queries.ts';
import { seedDemoWorld } from './service.ts';
import { DEMO_NOTES, DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_ROUTING_RULES, DEMO_TIPS, DEMO_USERS, demoEmail } from './world.ts';

const DOWNTOWN_PORTLAND = [-122.6765, 45.5231];
const BOGOTA = [-74.0721, 4.711];

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ config: { demo: true } });
});
afterAll(async () => t.stop());

const orgId = (key: string) => t.demoWorld!.organizationIds[key]!;

describe('demo world', () => {
  it('is created at start on an empty database, and the start logs the accounts', async () => {
    expect(t.demoWorld).not.toBeNull();
    expect(t.demoWorld!.password).toBe(DEMO_PASSWORD);
    expect(t.demoWorld!.accounts.map((a) => a.email)).toEqual(DEMO_USERS.map((u) => demoEmail(u.login)));
    expect(t.logs.text).toContain('demo world created');
    expect(t.logs.text).toContain(DEMO_PASSWORD);
    expect(t.logs.text).toContain('analyst@demo.alianza.example');
  });

  it('is seeded only once', async () => {
    const count = async () => Number((await t.ctx.db.selectFrom('organizations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    expect(await seedDemoWorld(t.ctx, systemActor())).toBeNull();
    expect(await count()).toBe(before);
    await expect(seedDemoWorld(t.ctx, { ...systemActor(), kind: 'user', userId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow('FORBIDDEN');
  });

  it('has labelled organisations of every kind the brief names, and users of every role', async () => {
    const orgs = await t.ctx.db.selectFrom('organizations').select(['name', 'type', 'country']).execute();
    expect(orgs).toHaveLength(DEMO_ORGANIZATIONS.length);
    expect(orgs.every((o) => o.name.includes('(DEMO)'))).toBe(true);
    expect(orgs.map((o) => o.type)).toEqual(expect.arrayContaining(['police_agency', 'prosecutor', 'municipality', 'ngo', 'school', 'oversight_body']));
    expect(orgs.filter((o) => o.type === 'ngo')).toHaveLength(2);
    expect(orgs.some((o) => o.country !== 'US')).toBe(true);
    const roles = await t.ctx.db.selectFrom('memberships').select('role').distinct().execute();
    expect(roles.map((r) => r.role).sort()).toEqual([...ROLES].sort());
    const group = await t.ctx.db.selectFrom('sharing_group_members').select('org_id').execute();
    expect(group.map((g) => g.org_id).sort()).toEqual([orgId('police'), orgId('prosecutor'), orgId('partner')].sort());
    const notes = await t.ctx.db.selectFrom('notes').select('tlp').execute();
    expect(new Set(notes.map((n) => n.tlp))).toEqual(new Set(TLP_LEVELS));
  });

  it('gives the police agency the union of the Portland districts as its jurisdiction', async () => {
    const { rows } = await sql<{ kind: string; valid: boolean; portland: boolean; bogota: boolean }>`
      select ST_GeometryType(jurisdiction) as kind, ST_IsValid(jurisdiction) as valid,
        ST_Contains(jurisdiction, ST_SetSRID(ST_MakePoint(${DOWNTOWN_PORTLAND[0]}, ${DOWNTOWN_PORTLAND[1]}), 4326)) as portland,
        ST_Contains(jurisdiction, ST_SetSRID(ST_MakePoint(${BOGOTA[0]}, ${BOGOTA[1]}), 4326)) as bogota
      from organizations where id = ${orgId('police')}`.execute(t.ctx.db);
    expect(rows[0]).toEqual({ kind: 'ST_MultiPolygon', valid: true, portland: true, bogota: false });
    const config = (await api(t.app, { url: '/api/v1/config' })).data;
    expect(config.demo).toBe(true);
    expect(config.map.center[0]).toBeCloseTo(-122.65, 1);
    expect(config.map.center[1]).toBeCloseTo(45.54, 1);
  });

  it('lets every demo user sign in with the shared password, and applies the access rules to the notes', async () => {
    const sessions = new Map<string, Awaited<ReturnType<typeof login>>>();
    for (const user of DEMO_USERS) sessions.set(user.login, await login(t.app, demoEmail(user.login), DEMO_PASSWORD));
    const titles = async (who: string) =>
      ((await api(t.app, { url: '/api/v1/notes?limit=100', auth: sessions.get(who)! })).data.items as { tlp: string }[]).map((n) => n.tlp).sort();
    expect(await titles('analyst')).toEqual(['AMBER', 'AMBER', 'AMBER+STRICT', 'CLEAR', 'GREEN', 'RED']);
    expect(await titles('partner')).toEqual(['AMBER', 'AMBER', 'CLEAR', 'GREEN']);
    expect(await titles('prosecutor')).toEqual(['AMBER', 'AMBER', 'CLEAR', 'GREEN', 'RED']);
    expect(await titles('viewer')).toEqual(['CLEAR', 'GREEN']);
    expect((await api(t.app, { url: '/api/v1/notes?limit=100' })).data.items).toHaveLength(1); // anonymous: CLEAR
    // The intake line (city hall) and the police agency see the demo tips routed to the police.
    const queue = async (who: string) => ((await api(t.app, { url: '/api/v1/reports', auth: sessions.get(who)! })).data.items as { category: string }[]).map((r) => r.category).sort();
    expect(await queue('city')).toEqual(DEMO_TIPS.map((tip) => tip.category).sort());
    expect(await queue('coordinator')).toEqual(['drug_sales', 'trafficking']); // the third has no pin: unrouted
    expect(await queue('neighbours')).toEqual([]);
    expect((await api(t.app, { url: '/api/v1/routing-rules', auth: sessions.get('city')! })).data.items).toHaveLength(DEMO_ROUTING_RULES.length);
  });

  it('audits everything it wrote', async () => {
    const entries = await t.ctx.db.selectFrom('audit_log').select(['action', 'record_type', 'actor_user_id']).execute();
    const created = (type: string) => entries.filter((e) => e.action === 'create' && e.record_type === type).length;
    expect(created('organization')).toBe(DEMO_ORGANIZATIONS.length);
    expect(created('user')).toBe(DEMO_USERS.length);
    expect(created('sharing_group')).toBe(1);
    expect(created('note')).toBe(DEMO_NOTES.length);
    expect(entries.filter((e) => e.action === 'demo.seed')).toHaveLength(1);
  });
});

describe('demo incidents', () => {
  const file = parseCsv(readFileSync(DEMO_INCIDENTS_FILE, 'utf8'));
  const [header, ...records] = file;
  const col = (name: string) => header!.indexOf(name);

  it('are the Portland calls for service of August 2016, imported at start through an import run with every row accounted for', async () => {
    expect(await t.demoImport).toBe('completed');
    const run = await t.ctx.db.selectFrom('imports').selectAll().where('profile_name', '=', DEMO_PROFILE_NAME).executeTakeFirstOrThrow();
    expect(run.records).toBe(records.length);
    expect(run.imported + run.rejected).toBe(records.length);
    const rejections = await t.ctx.db.selectFrom('import_rejections').select(['ref', 'code']).where('import_id', '=', run.id).execute();
    expect(rejections).toHaveLength(run.rejected);
    const incidents = await t.ctx.db
      .selectFrom('incidents')
      .select(['external_id', 'iccs_code', 'source_category', 'tlp', 'admin_area_org_id'])
      .select((eb) => [eb.fn<number>('ST_X', ['location']).as('lon'), eb.fn<number>('ST_Y', ['location']).as('lat')])
      .where('owner_org_id', '=', orgId('police'))
      .execute();
    expect(incidents).toHaveLength(run.imported);
    // Burglaries as the file has them, every one in ICCS 0501
    const burglaries = records.filter((r) => r[col('case_desc')]!.startsWith('BURGLARY')).length;
    expect(burglaries).toBeGreaterThan(100);
    expect(incidents.filter((i) => i.iccs_code === '0501')).toHaveLength(burglaries - rejections.filter((r) => records[r.ref - 2]![col('case_desc')]!.startsWith('BURGLARY')).length);
    // EPSG:2913 feet reprojected to the file's own WGS 84 columns (6 decimals there)
    const byId = new Map(incidents.map((i) => [i.external_id, i]));
    let compared = 0;
    records.forEach((r, i) => {
      const row = byId.get(`portland-cfs-2016-08:${i + 2}`);
      if (!row || row.lon === null || r[col('lon')] === '') return;
      expect(Math.abs(row.lon - Number(r[col('lon')]))).toBeLessThan(2e-6);
      expect(Math.abs(row.lat - Number(r[col('lat')]))).toBeLessThan(2e-6);
      compared++;
    });
    expect(compared).toBeGreaterThan(records.length * 0.9);
    expect(incidents.every((i) => i.tlp === 'GREEN')).toBe(true);
    expect(incidents.filter((i) => i.admin_area_org_id !== null).length).toBeGreaterThan(incidents.length * 0.9);
  });

  it('can be seen by the analysts of other organisations (GREEN) and the import shows in the police imports list', async () => {
    await t.demoImport;
    const session = await login(t.app, demoEmail('analyst'), DEMO_PASSWORD);
    const list = await api(t.app, { url: '/api/v1/imports', auth: session });
    expect(list.statusCode).toBe(200);
    expect(list.data.items.find((r: { profileName: string }) => r.profileName === DEMO_PROFILE_NAME)).toMatchObject({ state: 'completed', fileName: 'portland-cfs-2016-08.csv' });
  });

  it('resume after a stop half-way, ending with the rows of an uninterrupted run', async () => {
    await t.demoImport;
    const run = await t.ctx.db.selectFrom('imports').select(['id']).where('profile_name', '=', DEMO_PROFILE_NAME).executeTakeFirstOrThrow();
    const before = await t.ctx.db.selectFrom('incidents').select(['external_id', 'iccs_code']).where('owner_org_id', '=', orgId('police')).orderBy('external_id').execute();
    // As after a kill half-way: the run still running, its file still stored, part of its rows written.
    await t.ctx.db.deleteFrom('incidents').where('owner_org_id', '=', orgId('police')).where('external_id', '>', 'portland-cfs-2016-08:5').execute();
    const bytes = readFileSync(DEMO_INCIDENTS_FILE);
    for (let seq = 0; seq * 2 ** 20 < bytes.length; seq++) await insertChunk(t.ctx.db, run.id, seq, bytes.subarray(seq * 2 ** 20, (seq + 1) * 2 ** 20));
    await t.ctx.db.updateTable('imports').set({ state: 'running', updated_at: new Date(Date.now() - STALLED_AFTER_MS - 60_000) }).where('id', '=', run.id).execute();
    // A stop before the first batch leaves it queued, to be run at the next start.
    const stop = new AbortController();
    stop.abort();
    expect(await finishDemoImport(t.ctx, stop.signal)).toBe('interrupted');
    expect((await t.ctx.db.selectFrom('imports').select('state').where('id', '=', run.id).executeTakeFirstOrThrow()).state).toBe('queued');
    expect(await finishDemoImport(t.ctx)).toBe('completed');
    const after = await t.ctx.db.selectFrom('incidents').select(['external_id', 'iccs_code']).where('owner_org_id', '=', orgId('police')).orderBy('external_id').execute();
    expect(after).toEqual(before);
    expect(await finishDemoImport(t.ctx)).toBe('none');
  });

  it('map call types to ICCS divisions by their leading words, and calls that are no offence to none', () => {
    expect(iccsOfCallType('BURGLARY - PRIORITY *H')).toBe('0501');
    expect(iccsOfCallType('VEHICLE STOLEN - COLD')).toBe('0502');
    expect(iccsOfCallType('THREAT - WITH WEAPON *H')).toBe('0201');
    expect(iccsOfCallType('WELFARE CHECK - COLD')).toBeNull();
    expect(demoCallTypes()).toContain('SUSPICIOUS SUBJ, VEH, OR CIRCUMSTANCE');
  });
});

describe('when the demo world is seeded', () => {
  it('only on the embedded database outside production, unless disabled', () => {
    expect(loadConfig({}).demo).toBe(true); // development on PGlite
    expect(loadConfig({ ALIANZA_DEMO: 'false' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/alianza' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', ALIANZA_DEMO: 'true' }).demo).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'production', ALIANZA_DEMO: 'true' })).toThrow(/ALIANZA_DEMO/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/alianza', ALIANZA_DEMO: 'true' })).toThrow(/ALIANZA_DEMO/);
  });

  it('not when the database already has a user, even without organisations', async () => {
    const used = await startTestPlatform();
    try {
      await makeUser(used.ctx);
      expect(await seedDemoWorld(used.ctx, systemActor())).toBeNull();
      expect(await used.ctx.db.selectFrom('organizations').select('id').execute()).toEqual([]);
    } finally {
      await used.stop();
    }
  });

  it('not at all when the configuration says no', async () => {
    const off = await startTestPlatform({ config: { demo: false } });
    try {
      expect(off.demoWorld).toBeNull();
      expect(await off.ctx.db.selectFrom('organizations').select('id').execute()).toEqual([]);
      expect((await api(off.app, { url: '/api/v1/config' })).data.demo).toBe(false);
    } finally {
      await off.stop();
    }
  });
});

describe('alianza serve', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'alianza-demo-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Starts the server on a fresh port, collects stdout until it listens, then stops it. */
  function serveOnce(): Promise<string> {
    const env: NodeJS.ProcessEnv = { ...process.env, ALIANZA_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', ALIANZA_JOBS: 'false', NODE_ENV: 'development' };
    delete env.DATABASE_URL;
    delete env.ALIANZA_DEMO;
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/alianza.js'), 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    return new Promise((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Alianza listening') && (out.includes('demo world created') ? out.includes('never put real information') : true)) child.kill('SIGTERM');
      });
      child.on('exit', () => resolve(out));
      child.on('error', reject);
    });
  }

  it('prints the demo credentials at the first start only', { timeout: 180_000 }, async () => {
    const first = await serveOnce();
    expect(first).toContain(`Every account below signs in with the password: ${DEMO_PASSWORD}`);
    expect(first).toMatch(/admin@demo\.alianza\.example +admin, Rose City Police Agency \(DEMO\); platform administrator/);
    const second = await serveOnce();
    expect(second).toContain('Alianza listening');
    expect(second).not.toContain(DEMO_PASSWORD);
  });
});
