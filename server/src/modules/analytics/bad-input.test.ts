import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeOrg, makeToken, makeUser, type Auth } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { insertIncidents } from '../../../test/analytics.ts';
import { LIMITS } from './limits.ts';

/** Every refusal comes before any work: a localized 400 naming the field, nothing started. */
let t: TestPlatform;
let analyst: Auth;
let orgWithoutArea: string;

beforeAll(async () => {
  t = await startTestPlatform();
  const org = await makeOrg(t.ctx, { type: 'police_agency', country: 'US' });
  orgWithoutArea = org.id;
  const user = await makeUser(t.ctx, [{ orgId: org.id, role: 'analyst' }]);
  analyst = { token: await makeToken(t.ctx, user.id, ['read']) };
  // A cluster in 2016 and one incident 50 km away in 2026.
  await insertIncidents(t.ctx, { orgId: org.id, userId: user.id }, [
    ...Array.from({ length: 20 }, (_, i) => ({ lon: -122.6 + i * 1e-3, lat: 45.5, occurredFrom: `2016-08-${String(i + 1).padStart(2, '0')}T10:00:00Z`, iccsCode: '0501' })),
    { lon: -122.1, lat: 45.8, occurredFrom: '2026-01-01T10:00:00Z', iccsCode: '0502' },
    // 4,000 burglaries within 400 m: 8 million pairs for a Knox test
    ...Array.from({ length: 4000 }, (_, i) => ({ lon: -122.6 + (i % 50) * 1e-4, lat: 45.5 + Math.floor(i / 50) * 4e-5, occurredFrom: '2016-09-01T10:00:00Z', iccsCode: '0501' })),
  ]);
});
afterAll(async () => t.stop());

const post = (body: unknown, lang = 'en') => api(t.app, { method: 'POST', url: '/api/v1/analytics/runs', body, auth: analyst, headers: { 'accept-language': lang } });

async function refusal(body: unknown, lang = 'en') {
  const before = await t.ctx.db.selectFrom('audit_log').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const r = await post(body, lang);
  expect(r.statusCode, r.body).toBe(400);
  const after = await t.ctx.db.selectFrom('audit_log').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  expect(Number(after.n)).toBe(Number(before.n)); // nothing was read or started
  return r.data.error.details as { field: string; code: string; message: string }[];
}

describe('bad analysis requests', () => {
  it('name unknown parameters and values', async () => {
    expect(await refusal({ statistic: 'grid', parameters: { cellSize: 100, colour: 'red' } })).toEqual([
      expect.objectContaining({ field: 'parameters', code: 'unrecognized_keys' }),
    ]);
    expect((await refusal({ statistic: 'spline', parameters: {} }))[0]).toMatchObject({ field: 'statistic' });
    expect((await refusal({ statistic: 'grid', selection: { timeZone: 'Mars/Olympus' }, parameters: { cellSize: 100 } }))[0]).toMatchObject({
      field: 'selection.timeZone',
      code: 'analytics.unknown_time_zone',
    });
    expect((await refusal({ statistic: 'knox', parameters: { distanceBands: [0, 200, 100] } }))[0]).toMatchObject({ field: 'parameters.distanceBands', code: 'analytics.breaks_increasing' });
  });

  it('refuse an empty selection, in the caller\'s language', async () => {
    const [es] = await refusal({ statistic: 'grid', selection: { iccs: ['0101'] }, parameters: { cellSize: 100 } }, 'es');
    expect(es).toEqual({ field: 'selection', code: 'analytics.empty_selection', message: expect.stringMatching(/^Ningún incidente que usted pueda ver/) });
    const [pt] = await refusal({ statistic: 'trends', selection: { from: '2030-01-01T00:00:00Z' } }, 'pt');
    expect(pt!.message).toMatch(/^Nenhum incidente/);
  });

  it('refuse a time window that ends before it starts, a bad box and an organisation without jurisdiction', async () => {
    expect((await refusal({ statistic: 'grid', selection: { from: '2016-09-01T00:00:00Z', to: '2016-08-01T00:00:00Z' }, parameters: { cellSize: 100 } }))[0]!.field).toBe('selection.to');
    expect((await refusal({ statistic: 'grid', selection: { area: { kind: 'bbox', bbox: [-122, 45, -123, 46] } }, parameters: { cellSize: 100 } }))[0]!.field).toBe('selection.area.bbox');
    expect(await refusal({ statistic: 'grid', selection: { area: { kind: 'jurisdiction', orgId: orgWithoutArea } }, parameters: { cellSize: 100 } })).toEqual([
      expect.objectContaining({ field: 'selection.area.orgId', code: 'analytics.no_jurisdiction' }),
    ]);
    const bowtie = { type: 'Polygon', coordinates: [[[-123, 45], [-122, 46], [-122, 45], [-123, 46], [-123, 45]]] };
    expect((await refusal({ statistic: 'grid', selection: { area: { kind: 'polygon', geometry: bowtie } }, parameters: { cellSize: 100 } }))[0]).toMatchObject({
      field: 'selection.area.geometry',
      code: 'analytics.invalid_polygon',
      message: expect.stringMatching(/Self-intersection/),
    });
  });

  it('refuse grids, rasters and windows that would explode memory, naming the field and the limit', async () => {
    // 40 km × 33 km in 10 m cells; daily windows over ten years
    const [cells] = await refusal({ statistic: 'grid', parameters: { cellSize: 10 } });
    expect(cells).toMatchObject({ field: 'parameters.cellSize', code: 'analytics.too_many_cells' });
    expect(cells!.message).toContain(LIMITS.maxGridCells.toLocaleString('en-US'));
    expect((await refusal({ statistic: 'grid', parameters: { cellSize: 5000, window: 'day' } }))[0]).toMatchObject({ field: 'parameters.window', code: 'analytics.too_many_windows' });
    expect((await refusal({ statistic: 'kde', parameters: { bandwidth: 100, cellSize: 20 } }))[0]).toMatchObject({ field: 'parameters.cellSize', code: 'analytics.too_many_pixels' });
    expect((await refusal({ statistic: 'kde', parameters: { bandwidth: 100, cellSize: 200 } }))[0]).toMatchObject({ field: 'parameters.cellSize', code: 'analytics.pixel_above_bandwidth' });
    expect((await refusal({ statistic: 'kde', parameters: { kernel: 'quartic', bandwidth: 100_000, cellSize: 100 } }))[0]).toMatchObject({
      field: 'parameters.bandwidth',
      code: 'analytics.too_many_kernel_pixels',
    });
    expect((await refusal({ statistic: 'gistar', parameters: { units: { kind: 'grid', cellSize: 50 } } }))[0]).toMatchObject({ field: 'parameters.units.cellSize', code: 'analytics.too_many_units' });
  });

  it('refuse too many permutations, and permutation work beyond the limit', async () => {
    expect((await refusal({ statistic: 'knox', parameters: { permutations: 100_000 } }))[0]).toMatchObject({ field: 'parameters.permutations', code: 'too_big' });
    expect((await refusal({ statistic: 'gistar', parameters: { units: { kind: 'grid', cellSize: 100 }, permutations: 9999 } }))[0]).toMatchObject({
      field: 'parameters.permutations',
      code: 'analytics.too_many_permutation_draws',
    });
    expect((await refusal({ statistic: 'knox', selection: { to: '2020-01-01T00:00:00Z' }, parameters: { distanceBands: [0, 5000, 10_000], permutations: 9999 } }))[0]).toMatchObject({
      field: 'parameters.permutations',
      code: 'analytics.too_many_pairs',
    });
  });

  it('refuse a selection too wide for one local projection', async () => {
    const box = { kind: 'bbox', bbox: [-140, 10, -60, 50] };
    const [wide] = await refusal({ statistic: 'grid', selection: { area: box }, parameters: { cellSize: 100_000 } });
    expect(wide).toMatchObject({ field: 'selection.area', code: 'analytics.extent_too_wide' });
  });
});
