import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { createOrganization } from '../organizations/service.ts';
import { createUser } from '../users/service.ts';
import { demoEmail } from '../demo/world.ts';
import { api, TEST_PASSWORD } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { fitExtent, LATIN_AMERICA } from './map-view.ts';

describe('fitExtent', () => {
  it('centres and zooms on a city', () => {
    const { center, zoom } = fitExtent([-122.8367681, 45.4325499, -122.4552447, 45.6572129]);
    expect(center[0]).toBeCloseTo(-122.646, 2);
    expect(center[1]).toBeCloseTo(45.545, 2);
    expect(zoom).toBeGreaterThanOrEqual(9.5);
    expect(zoom).toBeLessThanOrEqual(11);
  });

  it('shows a continent at a low zoom and keeps zoom within 1–16', () => {
    const { center, zoom } = fitExtent(LATIN_AMERICA);
    expect(center[0]).toBe(-76);
    expect(zoom).toBeGreaterThanOrEqual(1);
    expect(zoom).toBeLessThan(4);
    expect(fitExtent([0, 0, 0, 0]).zoom).toBe(16);
    expect(fitExtent([-180, -85, 180, 85]).zoom).toBe(1);
  });
});

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({
    config: { defaultLocale: 'pt', map: { tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png', tileAttribution: '© Example contributors' } },
  });
});
afterAll(async () => t.stop());

describe('GET /api/v1/config', () => {
  it('is public and follows the configuration, the jurisdictions and the demo accounts', async () => {
    const first = await api(t.app, { url: '/api/v1/config' });
    expect(first.statusCode).toBe(200);
    expect(first.data).toEqual({
      defaultLocale: 'pt',
      locales: ['es', 'en', 'pt'],
      demo: false,
      map: { tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png', tileAttribution: '© Example contributors', ...fitExtent(LATIN_AMERICA) },
    });

    await createOrganization(t.ctx, systemActor(), {
      name: `Prefeitura ${Date.now()}`,
      type: 'municipality',
      country: 'BR',
      jurisdiction: { type: 'Polygon', coordinates: [[[-43.8, -23.1], [-43.1, -23.1], [-43.1, -22.7], [-43.8, -22.7], [-43.8, -23.1]]] },
    });
    const withArea = (await api(t.app, { url: '/api/v1/config' })).data;
    expect(withArea.map.center[0]).toBeCloseTo(-43.45, 1);
    expect(withArea.map.center[1]).toBeCloseTo(-22.9, 1);
    expect(withArea.map.zoom).toBeGreaterThan(8);

    const demoUser = await createUser(t.ctx, systemActor(), { email: demoEmail('viewer'), displayName: 'Demo viewer', password: TEST_PASSWORD, memberships: [] });
    expect((await api(t.app, { url: '/api/v1/config' })).data.demo).toBe(true);
    await t.ctx.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', demoUser.id).execute();
    expect((await api(t.app, { url: '/api/v1/config' })).data.demo).toBe(false);
  });
});
