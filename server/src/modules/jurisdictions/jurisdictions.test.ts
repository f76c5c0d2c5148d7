import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { createOrganization } from '../organizations/service.ts';
import { api, makeOrg, makeToken, makeUser } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { decodeTile, tileOf } from '../../../test/vector-tiles.ts';

const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
});

let t: TestPlatform;
let portland: { id: string; name: string };
let bogota: { id: string; name: string };
let withoutArea: { id: string };

beforeAll(async () => {
  t = await startTestPlatform();
  const stamp = Date.now();
  portland = await createOrganization(t.ctx, systemActor(), { name: `Central Precinct ${stamp}`, type: 'police_agency', country: 'US', jurisdiction: square(-122.67, 45.52, 0.05) });
  bogota = await createOrganization(t.ctx, systemActor(), { name: `Alcaldía Local ${stamp}`, type: 'municipality', country: 'CO', jurisdiction: square(-74.08, 4.6, 0.05) });
  withoutArea = await makeOrg(t.ctx, { type: 'ngo' });
});
afterAll(async () => t.stop());

const tileUrl = ({ z, x, y }: { z: number; x: number; y: number }) => `/api/v1/tiles/jurisdictions/${z}/${x}/${y}.pbf`;

describe('jurisdiction vector tiles', () => {
  it('serve the jurisdictions of a tile to anyone, with their organisation properties', async () => {
    const r = await t.app.inject({ url: tileUrl(tileOf(-122.6765, 45.5231, 12)) });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(r.headers['cache-control']).toBe('public, max-age=60');
    const layers = decodeTile(r.rawPayload);
    expect(Object.keys(layers)).toEqual(['jurisdictions']);
    expect(layers.jurisdictions!.version).toBe(2);
    const features = layers.jurisdictions!.features;
    expect(features.map((f) => f.properties)).toEqual([{ id: portland.id, name: portland.name, type: 'police_agency', country: 'US' }]);
    expect(features[0]!.type).toBe(3); // polygon
  });

  it('answer an empty tile where there is no jurisdiction', async () => {
    const r = await t.app.inject({ url: tileUrl(tileOf(-58.38, -34.6, 12)) });
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload).toHaveLength(0);
    expect(decodeTile(r.rawPayload)).toEqual({});
  });

  it('are the same for signed-in users, and show each place its own jurisdictions', async () => {
    const user = await makeUser(t.ctx, [{ orgId: withoutArea.id, role: 'viewer' }]);
    const token = await makeToken(t.ctx, user.id, ['read']);
    const url = tileUrl(tileOf(-122.6765, 45.5231, 10));
    const anonymous = await api(t.app, { url });
    const signedIn = await api(t.app, { url, auth: { token } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.rawPayload.equals(anonymous.rawPayload)).toBe(true);
    // Shared caches may keep these answers: nothing in them may depend on the caller.
    expect(signedIn.headers['x-alianza-session']).toBeUndefined();
    expect(signedIn.headers['set-cookie']).toBeUndefined();
    const colombia = decodeTile((await api(t.app, { url: tileUrl(tileOf(-74.08, 4.6, 10)) })).rawPayload);
    expect(colombia.jurisdictions!.features.map((f) => f.properties.id)).toEqual([bogota.id]);
  });

  it('refuse tiles outside the grid with a localized 400', async () => {
    for (const path of ['23/0/0', '-1/0/0', '3/8/0', '3/0/8', 'a/0/0', '2/1.5/0']) {
      const r = await api(t.app, { url: `/api/v1/tiles/jurisdictions/${path}.pbf`, headers: { 'accept-language': 'pt' } });
      expect(r.statusCode, path).toBe(400);
      expect(r.headers['content-type'], path).toMatch(/^application\/json/);
      expect(r.headers['cache-control'], path).toBe('no-store');
      expect(r.data.error.code, path).toBe('VALIDATION_FAILED');
    }
    const outside = await api(t.app, { url: '/api/v1/tiles/jurisdictions/3/8/0.pbf', headers: { 'accept-language': 'es' } });
    expect(outside.data.error.details).toEqual([{ field: 'params.x', code: 'tile_out_of_range', message: expect.stringContaining('de 0 a 7') }]);
  });
});

describe('jurisdictions GeoJSON', () => {
  it('lists every jurisdiction with its organisation and the bbox of all, to anyone', async () => {
    const r = await api(t.app, { url: '/api/v1/jurisdictions.geojson' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(r.headers['cache-control']).toBe('public, max-age=60');
    expect(r.data.type).toBe('FeatureCollection');
    const byId = new Map((r.data.features as { id: string; properties: object; geometry: { type: string } }[]).map((f) => [f.id, f]));
    expect(byId.get(portland.id)?.properties).toEqual({ id: portland.id, name: portland.name, type: 'police_agency', country: 'US' });
    expect(byId.get(bogota.id)?.geometry.type).toBe('MultiPolygon');
    expect(byId.has(withoutArea.id)).toBe(false);
    const [west, south, east, north] = r.data.bbox as number[];
    expect(west).toBeLessThanOrEqual(-122.72);
    expect(east).toBeGreaterThanOrEqual(-74.03);
    expect(south).toBeLessThanOrEqual(4.55);
    expect(north).toBeGreaterThanOrEqual(45.57);
  });

  it('are described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/tiles/jurisdictions/{z}/{x}/{y}.pbf']).toBeDefined();
    expect(doc.paths['/api/v1/jurisdictions.geojson'].get.responses['200']).toBeDefined();
  });
});
