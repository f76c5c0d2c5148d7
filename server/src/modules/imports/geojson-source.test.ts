import { describe, expect, it } from 'vitest';
import { crsOfMember, FeatureScanner, featureRecord } from './geojson-source.ts';

const scanAll = (text: string, size: number) => {
  const scanner = new FeatureScanner();
  const out: (string | null)[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...scanner.push(text.slice(i, i + size)));
  return { out, scanner };
};

describe('FeatureScanner', () => {
  const collection = JSON.stringify({
    type: 'FeatureCollection',
    crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2913' } },
    features: [
      { type: 'Feature', properties: { note: 'a } brace, a "quote" and a [bracket]', n: 1 }, geometry: { type: 'Point', coordinates: [1, 2] } },
      { type: 'Feature', properties: { features: [{ nested: true }] }, geometry: null },
    ],
    bbox: [0, 0, 1, 1],
  });

  it('returns each feature\'s own text, whatever the chunk boundaries', () => {
    for (const size of [1, 7, 64, collection.length]) {
      const { out, scanner } = scanAll(collection, size);
      expect(out.map((t) => JSON.parse(t!))).toEqual(JSON.parse(collection).features);
      expect([scanner.count, scanner.balanced, crsOfMember(scanner.crsText)]).toEqual([2, true, 'EPSG:2913']);
    }
  });

  it('makes records of the mapped properties and the point, and tells unsupported geometries', () => {
    const point = featureRecord('{"type":"Feature","properties":{"c":"BURGLARY","n":5,"o":{"a":1}},"geometry":{"type":"Point","coordinates":[-122.6,45.5]}}', 3, ['c', 'n', 'o', 'missing']);
    expect(point).toEqual({ ref: 3, values: ['BURGLARY', '5', '{"a":1}', ''], point: [-122.6, 45.5] });
    expect(featureRecord('{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}', 4, []).point).toBe('unsupported');
    expect(featureRecord('{"type":"Feature","geometry":null}', 5, []).point).toBeNull();
    expect(featureRecord('{"type":"Polygon"}', 6, []).problem).toBe('bad_feature');
    expect(featureRecord(null, 7, []).problem).toBe('bad_feature');
  });

  it('reads the names of a GeoJSON 2008 crs member', () => {
    expect(crsOfMember('{"type":"name","properties":{"name":"EPSG:32718"}}')).toBe('EPSG:32718');
    expect(crsOfMember('{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}}')).toBe('EPSG:4326');
    expect(crsOfMember(null)).toBeNull();
  });
});
