import type { TileFeature } from './encode-tile.ts';
import { describe, expect, it } from 'vitest';
import { decodeTile, tileOf } from '../../../test/vector-tiles.ts';
import { encodeTile } from './encode-tile.ts';
import { simplifyTolerance, TileParams } from './tile-coords.ts';

const square = (lon: number, lat: number, d: number): TileFeature['geometry'] => ({
  type: 'Polygon',
  coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
});

describe('tile coordinates', () => {
  it('accept z 0–22 and x, y inside the grid of that zoom', () => {
    expect(TileParams.parse({ z: '0', x: '0', y: '0' })).toEqual({ z: 0, x: 0, y: 0 });
    expect(TileParams.parse({ z: '22', x: String(2 ** 22 - 1), y: '5' })).toEqual({ z: 22, x: 2 ** 22 - 1, y: 5 });
    for (const bad of [{ z: '23', x: '0', y: '0' }, { z: '-1', x: '0', y: '0' }, { z: '2', x: '4', y: '0' }, { z: '2', x: '0', y: '4' }, { z: '1.5', x: '0', y: '0' }, { z: 'a', x: '0', y: '0' }]) {
      expect(TileParams.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const outside = TileParams.safeParse({ z: '3', x: '8', y: '0' });
    expect(outside.error?.issues[0]).toMatchObject({ path: ['x'], message: 'tile_out_of_range', params: { max: 7 } });
  });

  it('simplify less at higher zoom', () => {
    expect(simplifyTolerance(10)).toBeCloseTo(simplifyTolerance(9) / 2);
    expect(simplifyTolerance(0)).toBeLessThan(0.03);
  });
});

describe('encodeTile', () => {
  const portland = tileOf(-122.6765, 45.5231, 12);
  const features: TileFeature[] = [
    { type: 'Feature', geometry: square(-122.6765, 45.5231, 0.01), properties: { id: 'a', name: 'Downtown', rank: 3, active: true } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [-122.6765, 45.5231] }, properties: { id: 'p' } },
    { type: 'Feature', geometry: square(-74.08, 4.6, 0.01), properties: { id: 'bogota' } },
  ];

  it('writes an MVT 2 tile with the features of the tile and their properties', () => {
    const layers = decodeTile(encodeTile(portland, { places: features }));
    expect(Object.keys(layers)).toEqual(['places']);
    expect(layers.places!.version).toBe(2);
    expect(layers.places!.extent).toBe(4096);
    const byId = Object.fromEntries(layers.places!.features.map((f) => [f.properties.id, f]));
    expect(Object.keys(byId).sort()).toEqual(['a', 'p']);
    expect(byId.a!.properties).toEqual({ id: 'a', name: 'Downtown', rank: 3, active: true });
    expect(byId.a!.type).toBe(3);
    expect(byId.p!.type).toBe(1);
    const [lon, lat] = (byId.p!.feature.toGeoJSON(portland.x, portland.y, portland.z).geometry as { coordinates: number[] }).coordinates;
    expect(lon).toBeCloseTo(-122.6765, 3);
    expect(lat).toBeCloseTo(45.5231, 3);
  });

  it('keeps layers apart and leaves out empty ones; a tile with no features is empty', () => {
    const layers = decodeTile(encodeTile(portland, { a: features.slice(0, 1), b: features.slice(2), c: [] }));
    expect(Object.keys(layers)).toEqual(['a']);
    expect(encodeTile(tileOf(0, 0, 12), { places: features })).toHaveLength(0);
  });

  it('at zoom 0 keeps points and large areas, and drops areas smaller than a tile unit', () => {
    const large: TileFeature = { type: 'Feature', geometry: square(-60, -15, 10), properties: { id: 'large' } };
    const layers = decodeTile(encodeTile({ z: 0, x: 0, y: 0 }, { places: [...features, large] }));
    expect(layers.places!.features.map((f) => f.properties.id).sort()).toEqual(['large', 'p']);
  });
});
