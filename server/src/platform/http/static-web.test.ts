import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { ROOT } from '../../../test/template.ts';

/** A fake Vite build: index.html, hashed assets, a file the compressor leaves alone. */
const dist = mkdtempSync(path.join(tmpdir(), 'alianza-web-'));
const INDEX = '<!doctype html><html lang="es"><head><title>Alianza</title></head><body><div id="root"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('Alianza '.repeat(200))});`;
mkdirSync(path.join(dist, 'assets'));
writeFileSync(path.join(dist, 'index.html'), INDEX);
writeFileSync(path.join(dist, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
writeFileSync(path.join(dist, 'assets', 'index-Ef56Gh78.css'), 'body { margin: 0 }');
writeFileSync(path.join(dist, 'assets', 'logo-Ij90.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
writeFileSync(path.join(dist, '.env'), 'SECRET=1');

const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
let t: TestPlatform;

beforeAll(async () => {
  const compressed = spawnSync(process.execPath, [path.join(ROOT, 'scripts/compress-web.js'), dist], { encoding: 'utf8' });
  expect(compressed.status, compressed.stderr).toBe(0);
  t = await startTestPlatform({ config: { webDistDir: dist, map: { tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png', tileAttribution: '© Example' } } });
});
afterAll(async () => {
  await t?.stop();
  rmSync(dist, { recursive: true, force: true });
});

describe('scripts/compress-web.js', () => {
  it('writes .br and .gz next to text files only', () => {
    for (const file of ['index.html', 'assets/index-Ab12Cd34.js', 'assets/index-Ef56Gh78.css']) {
      expect(existsSync(path.join(dist, `${file}.br`)), file).toBe(true);
      expect(existsSync(path.join(dist, `${file}.gz`)), file).toBe(true);
    }
    expect(existsSync(path.join(dist, 'assets/logo-Ij90.png.br'))).toBe(false);
  });
});

describe('web application', () => {
  it('serves index.html at / without caching, with the security headers for HTML', async () => {
    const r = await t.app.inject({ url: '/', headers: html });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.body).toBe(INDEX);
    expect(r.headers['cache-control']).toBe('no-cache');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/tiles\.example\.org(;|$)/);
    expect(csp).toMatch(/connect-src 'self' https:\/\/tiles\.example\.org(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves hashed assets as immutable, pre-compressed when the client accepts it', async () => {
    const url = '/assets/index-Ab12Cd34.js';
    const plain = await t.app.inject({ url });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-security-policy']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);

    const brotli = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toMatch(/javascript/);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(SCRIPT);
    expect(brotli.rawPayload.length).toBeLessThan(SCRIPT.length);

    const gzipped = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe(SCRIPT);

    const index = await t.app.inject({ url: '/', headers: { ...html, 'accept-encoding': 'br' } });
    expect(index.headers['content-encoding']).toBe('br');
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toBeDefined();
    expect(brotliDecompressSync(index.rawPayload).toString()).toBe(INDEX);
  });

  it('answers client-side routes with index.html for browsers', async () => {
    for (const url of ['/login', '/w/notes/0b7d3c1e-0000-4000-8000-000000000000', '/map?zoom=3']) {
      const r = await t.app.inject({ url, headers: html });
      expect(r.statusCode, url).toBe(200);
      expect(r.body, url).toBe(INDEX);
      expect(r.headers['cache-control'], url).toBe('no-cache');
      expect(r.headers['content-security-policy'], url).toBeDefined();
    }
    const head = await t.app.inject({ method: 'HEAD', url: '/w', headers: html });
    expect(head.statusCode).toBe(200);
  });

  it('keeps JSON 404s for the API, Open311, service paths, other methods and non-HTML requests', async () => {
    const cases = [
      { method: 'GET' as const, url: '/api/v1/no-such-route', headers: html },
      { method: 'GET' as const, url: '/api/no-such-route', headers: html },
      { method: 'GET' as const, url: '/open311/v3/services.json', headers: html },
      { method: 'GET' as const, url: '/healthz/extra', headers: html },
      { method: 'POST' as const, url: '/login', headers: { ...html, 'content-type': 'application/json' }, payload: '{}' },
      { method: 'GET' as const, url: '/w/notes', headers: { accept: 'application/json' } },
      { method: 'GET' as const, url: '/assets/missing-0000.js', headers: { accept: '*/*' } },
      { method: 'GET' as const, url: '/.env', headers: { accept: '*/*' } },
    ];
    for (const c of cases) {
      const r = await t.app.inject(c);
      expect(r.statusCode, `${c.method} ${c.url}`).toBe(404);
      expect(r.json().error.code, `${c.method} ${c.url}`).toBe('ROUTE_NOT_FOUND');
    }
    expect((await t.app.inject({ url: '/healthz', headers: html })).json()).toEqual({ status: 'ok' });
  });
});

describe('without a build', () => {
  it('answers / with the JSON 404', async () => {
    const bare = await startTestPlatform({ config: { webDistDir: path.join(dist, 'no-such-folder') } });
    try {
      const r = await bare.app.inject({ url: '/', headers: html });
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('ROUTE_NOT_FOUND');
    } finally {
      await bare.stop();
    }
  });
});
