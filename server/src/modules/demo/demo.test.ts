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
