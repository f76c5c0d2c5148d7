import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../../analytics/src/csv.ts';
import { crsFromPrj, findCrs, inAreaOfUse, SUPPORTED_CRS_CODES, toWgs84 } from './crs.ts';
import { EPSG_DEFINITIONS } from './epsg-definitions.ts';

const PORTLAND = new URL('../../../../../demo/portland-cfs-2016-08.csv', import.meta.url);
const CHICAGO = new URL('../../../../../../shared/data/chicago-burglary-2016-jan-sep.csv', import.meta.url);

/** Largest difference in degrees between our reprojection and the file's own lon/lat. */
function worstDifference(file: URL, code: string, xCol: string, yCol: string) {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const at = (name: string) => header!.indexOf(name);
  const [x, y, lon, lat] = [at(xCol), at(yCol), at('lon'), at('lat')];
  const project = toWgs84(findCrs(code)!);
  let worst = 0;
  let compared = 0;
  for (const row of rows) {
    if (row[x] === '' || row[x] === undefined) continue;
    const p = project(Number(row[x]), Number(row[y]))!;
    worst = Math.max(worst, Math.abs(p.lon - Number(row[lon])), Math.abs(p.lat - Number(row[lat])));
    compared++;
  }
  return { worst, compared };
}

describe('reprojection to WGS 84', () => {
  it('reproduces the Portland file\'s lon/lat from its EPSG:2913 feet (PROJ, NAD83(HARN) to WGS 84 (3)) to 1e-6 degrees', () => {
    const { worst, compared } = worstDifference(PORTLAND, 'EPSG:2913', 'x_ft', 'y_ft');
    expect(compared).toBe(19375);
    // The file rounds to 6 decimals: half a unit of the last place is 5e-7.
    expect(worst).toBeLessThan(1e-6);
  });

  it('reproduces the Chicago file\'s lon/lat from its EPSG:26971 metres to 1e-6 degrees', () => {
    const { worst, compared } = worstDifference(CHICAGO, '26971', 'x_m', 'y_m');
    expect(compared).toBe(8485);
    expect(worst).toBeLessThan(1e-6);
  });

  it('agrees with PROJ at a point of the area of use of every shipped CRS', () => {
    const off = EPSG_DEFINITIONS.filter((d) => {
      const p = toWgs84(d)(d.check.x, d.check.y);
      return !p || Math.abs(p.lon - d.check.lon) > 1e-7 || Math.abs(p.lat - d.check.lat) > 1e-7;
    });
    expect(off.map((d) => d.code)).toEqual([]);
  });

  it('ships WGS 84, Web Mercator, every WGS 84 UTM zone and the Latin American national frames', () => {
    const codes = new Set(SUPPORTED_CRS_CODES);
    for (let zone = 1; zone <= 60; zone++) expect([codes.has(32600 + zone), codes.has(32700 + zone)]).toEqual([true, true]);
    for (const code of [4326, 3857, 2913, 26971, 27700, 4674, 31983, 31985, 4686, 3116, 9377, 5361, 9155, 6372, 6369, 5387, 5343, 5459, 5382]) expect(codes.has(code), String(code)).toBe(true);
  });
});

describe('finding a CRS', () => {
  it('accepts EPSG:NNNN and the bare number, and knows nothing else', () => {
    expect(findCrs('EPSG:2913')?.name).toBe('NAD83(HARN) / Oregon North (ft)');
    expect(findCrs('epsg:9377')?.name).toBe('MAGNA-SIRGAS / Origen-Nacional');
    expect(findCrs('32718')?.code).toBe(32718);
    expect(findCrs('EPSG:99999')).toBeNull();
    expect(findCrs('+proj=longlat')).toBeNull();
  });

  it('proposes the CRS of a shapefile from its .prj', () => {
    const prj = 'PROJCS["NAD_1983_HARN_StatePlane_Oregon_North_FIPS_3601_Feet_Intl",GEOGCS["GCS_North_American_1983_HARN",DATUM["D_North_American_1983_HARN",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],UNIT["Foot",0.3048]]';
    expect(crsFromPrj(prj)?.code).toBe(2913);
    expect(crsFromPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"]]')?.code).toBe(4326);
    expect(crsFromPrj('PROJCS["Somewhere_Local"]')).toBeNull();
  });

  it('tells whether a point is in the area of use', () => {
    const portland = findCrs('2913')!;
    expect(inAreaOfUse(portland, -122.6, 45.5)).toBe(true);
    expect(inAreaOfUse(portland, 45.5, -122.6)).toBe(false);
  });
});
