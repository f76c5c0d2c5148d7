import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import type { RouteModule } from '../src/platform/http/context.ts';
import { startTestPlatform } from './harness.ts';
import { ROOT, testEngineKind } from './template.ts';

const slowRoute: RouteModule = (app) => {
  app.get('/test/slow', { schema: { hide: true } }, async () => {
    await new Promise((r) => setTimeout(r, 700));
    return { done: true };
  });
};

describe('graceful shutdown', () => {
  it('finishes in-flight requests, then refuses new connections', async () => {
    const t = await startTestPlatform({ extraModules: [slowRoute] });
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const inFlight = fetch(`${url}/test/slow`);
    await new Promise((r) => setTimeout(r, 150));
    const stopping = t.stop();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await stopping;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});

describe('configuration', () => {
  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ALIANZA_DEFAULT_LOCALE: 'fr' })).toThrow(/ALIANZA_DEFAULT_LOCALE/);
    expect(() => loadConfig({ ALIANZA_TIP_SUBMISSIONS_PER_HOUR: '0' })).toThrow(/ALIANZA_TIP_SUBMISSIONS_PER_HOUR/);
    expect(() => loadConfig({ ALIANZA_TIP_ACCESSES_PER_HOUR: 'many' })).toThrow(/ALIANZA_TIP_ACCESSES_PER_HOUR/);
  });

  it('stops `alianza serve` with that message and a non-zero exit', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin/alianza.js'), 'serve'], { env: { ...process.env, PORT: '99999' }, encoding: 'utf8' });
    expect(run.status).toBe(78);
    expect(run.stderr).toMatch(/PORT/);
  });
});

describe('command line', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'alianza-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  // The CLI opens its own database: a fresh data folder on PGlite, the test database on PostgreSQL.
  const env = { ...process.env, ALIANZA_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const alianza = (args: string[], extra: Record<string, string> = {}) =>
    spawnSync(process.execPath, [path.join(ROOT, 'bin/alianza.js'), ...args], { env: { ...env, ...extra }, encoding: 'utf8', input: '' });

  it('creates an organisation, a user and a token, and verifies the audit chain', { timeout: 120_000 }, () => {
    const org = alianza(['admin', 'create-org', '--name', `CLI Org ${testEngineKind()} ${Date.now()}`, '--type', 'municipality', '--country', 'BR']);
    expect(org.stderr).toBe('');
    expect(org.status).toBe(0);
    const orgId = JSON.parse(org.stdout).id as string;
    const email = `cli-${Date.now()}@example.org`;
    const user = alianza(['admin', 'create-user', '--email', email, '--name', 'Cli User', '--org', orgId, '--role', 'coordinator'], { ALIANZA_PASSWORD: 'a long cli passphrase' });
    expect(user.status).toBe(0);
    expect(JSON.parse(user.stdout).memberships).toEqual([{ orgId, role: 'coordinator' }]);
    const token = alianza(['admin', 'create-token', '--email', email, '--name', 'ci', '--scopes', 'read,write']);
    expect(token.status).toBe(0);
    expect(JSON.parse(token.stdout).token).toMatch(/^alz_/);
    const bad = alianza(['admin', 'create-org', '--name', 'X', '--type', 'castle', '--country', 'BR']);
    expect(bad.status).toBe(64);
    expect(bad.stderr).toMatch(/type/);
    const verify = alianza(['audit', 'verify']);
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, problems: [] });
  });
});

describe('service endpoints', () => {
  it('report liveness, readiness and a complete OpenAPI 3.1 document', async () => {
    const t = await startTestPlatform();
    try {
      expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
      expect((await t.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
      const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
      expect(doc.openapi).toBe('3.1.0');
      for (const route of ['/api/v1/auth/login', '/api/v1/notes', '/api/v1/notes/{id}', '/api/v1/organizations', '/api/v1/tokens', '/api/v1/audit', '/api/v1/sharing-groups']) {
        expect(Object.keys(doc.paths)).toContain(route);
      }
      expect(doc.components.schemas.Error).toBeDefined();
      expect(doc.paths['/api/v1/notes'].post.responses['400']).toBeDefined();
      expect((await t.app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
    } finally {
      await t.stop();
    }
  });
});
