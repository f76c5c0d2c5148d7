/**
 * Writes server/src/modules/imports/crs/epsg-definitions.ts: the coordinate reference systems
 * imports accept, as proj4 strings with their WGS 84 datum shift, names and areas of use, all
 * read from the EPSG dataset shipped with PROJ (`projinfo`, Debian package proj-bin; made with
 * PROJ 9.1.1). Each CRS also gets a check point: the centre of its area of use projected by
 * PROJ's own `cs2cs`, which the tests reproject back with proj4js.
 *
 *   node --import tsx scripts/generate-crs-definitions.ts
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** What our users need: world, the sample data, every WGS 84 UTM zone, and Latin America's national frames. */
const CODES = [
  4326, 3857, // WGS 84, Web Mercator
  2913, 26971, 27700, // Portland (ft), Chicago, British National Grid
  ...range(32601, 32660), ...range(32701, 32760), // WGS 84 / UTM north and south
  4674, ...range(31965, 31985), 6210, 6211, 5396, 5880, 5641, // SIRGAS 2000: geographic, UTM 11N-26S, Brazil Polyconic and Mercator
  4686, 3114, 3115, 3116, 3117, 3118, 9377, // Colombia: MAGNA-SIRGAS, its zones and the national origin (CTM12)
  5360, 5361, 5362, 8949, 8950, 8951, 9148, 9149, 9150, 9153, 9154, 9155, // Chile: SIRGAS-Chile 2002, 2010, 2013, 2016
  6365, ...range(6366, 6372), 4483, ...range(4484, 4489), 6362, // Mexico ITRF2008 and ITRF92: geographic, UTM, LCC
  5373, 5839, 5387, 5389, 24877, 24878, 24879, // Peru96 and PSAD56 / UTM
  5340, ...range(5343, 5349), 4190, ...range(22171, 22177), 4694, ...range(22181, 22187), // Argentina: POSGAR 2007, 98, 94
  5459, 5559, // Guatemala Sur / Norte (Ocotepeque 1935)
  5381, 5382, 5383, // Uruguay SIRGAS-ROU98
  4189, 2201, 2202, 2203, // Venezuela REGVEN
  5365, 5367, // Costa Rica CR05 / CRTM05
];

/**
 * Datums PROJ has several WGS 84 transformations for: the one we use, by EPSG code. The others
 * get theirs from `--boundcrs-to-wgs84` (a unique Helmert, or none: a zero shift).
 */
const DATUM_SHIFT: Record<string, number> = {
  'NAD83 (High Accuracy Reference Network)': 1901, // NAD83(HARN) to WGS 84 (3), 1 m, CONUS: what the Portland data used
  'Ordnance Survey of Great Britain 1936': 1314, // OSGB36 to WGS 84 (6), 2 m (OSTN15, 1 m, needs a grid file)
};

/**
 * Frames realised from ITRF through SIRGAS (and Mexico's ITRF frames): EPSG gives several of
 * them no transformation to WGS 84, which agrees with them to well under a metre; a zero shift.
 */
const ITRF_ALIGNED = /SIRGAS|ITRF|POSGAR|Peru96|CR05|REGVEN|Red Geodesica Venezolana|Posiciones Geodesicas|Peru 96/i;

const run = (cmd: string, args: string[], input?: string) => execFileSync(cmd, args, { encoding: 'utf8', ...(input ? { input } : {}) });

function helmertOf(operation: number): string {
  const text = run('projinfo', ['-k', 'operation', `EPSG:${operation}`, '-o', 'PROJ', '-q']).replace(/\s+/g, ' ');
  const get = (key: string) => Number(new RegExp(`\\+${key}=(-?[0-9.e-]+)`).exec(text)?.[1] ?? 0);
  const sign = /convention=coordinate_frame/.test(text) ? -1 : 1; // proj4's towgs84 is position vector
  return [get('x'), get('y'), get('z'), sign * get('rx'), sign * get('ry'), sign * get('rz'), get('s')].join(',');
}

interface Definition {
  code: number;
  name: string;
  proj4: string;
  /** west, south, east, north in degrees. */
  area: [number, number, number, number];
  geographic: boolean;
  /** The name in ESRI's WKT (as in a shapefile's .prj), to propose the CRS of a shapefile. */
  esriName: string;
  check: { x: number; y: number; lon: number; lat: number };
}

type Bbox = { west_longitude: number; south_latitude: number; east_longitude: number; north_latitude: number };

const definitions: Definition[] = [];
for (const code of CODES) {
  const json = JSON.parse(run('projinfo', [`EPSG:${code}`, '-o', 'PROJJSON', '-q'])) as {
    type: string; name: string; bbox?: Bbox; usages?: { bbox: Bbox }[];
    datum?: { name: string }; base_crs?: { datum?: { name: string }; datum_ensemble?: { name: string } }; datum_ensemble?: { name: string };
  };
  let proj4 = run('projinfo', [`EPSG:${code}`, '--boundcrs-to-wgs84', '-o', 'PROJ', '-q']).trim().split('\n').at(-1)!.replace(' +type=crs', '');
  const datum = json.datum?.name ?? json.base_crs?.datum?.name ?? '';
  const shift = DATUM_SHIFT[datum];
  if (shift === undefined && ITRF_ALIGNED.test(datum) && !/\+towgs84=/.test(proj4)) proj4 = proj4.replace(' +units', ' +towgs84=0,0,0,0,0,0,0 +units').replace(/^(\+proj=longlat [^]*?)( \+no_defs)/, (m, a, b) => (a.includes('towgs84') ? m : `${a} +towgs84=0,0,0,0,0,0,0${b}`));
  if (shift !== undefined) proj4 = proj4.replace(' +units', ` +towgs84=${helmertOf(shift)} +units`).replace(/ \+towgs84=[^ ]+( \+towgs84)/, '$1');
  if (!/\+datum=WGS84|\+towgs84=|\+nadgrids=@null|\+ellps=WGS84/.test(proj4)) throw new Error(`EPSG:${code} (${json.name}): no datum shift to WGS 84 known; add it to DATUM_SHIFT`);
  const b = (json.bbox ?? json.usages?.[0]?.bbox)!;
  const west = b.west_longitude, east = b.east_longitude < b.west_longitude ? b.east_longitude + 360 : b.east_longitude;
  let lon = (west + east) / 2;
  if (lon > 180) lon -= 360;
  const lat = code === 3857 ? 45 : (b.south_latitude + b.north_latitude) / 2;
  const geographic = json.type === 'GeographicCRS';
  const [x, y] = run('cs2cs', ['-f', '%.10f', '+proj=longlat +datum=WGS84 +no_defs', '+to', proj4], `${lon} ${lat}\n`).trim().split(/\s+/).map(Number) as [number, number];
  const esriName = /^(?:PROJCS|GEOGCS)\["([^"]+)"/.exec(run('projinfo', [`EPSG:${code}`, '-o', 'WKT1:ESRI', '-q']).trim())?.[1] ?? '';
  definitions.push({ code, name: json.name, proj4, area: [b.west_longitude, b.south_latitude, b.east_longitude, b.north_latitude], geographic, esriName, check: { x, y, lon, lat } });
}

const header = `// Generated by scripts/generate-crs-definitions.ts from the EPSG dataset of PROJ ${run('sh', ['-c', 'cs2cs 2>&1 | head -1']).trim()}: do not edit.
// proj4 strings carry the datum shift to WGS 84 (towgs84, position-vector convention); \`check\`
// is a point of the area of use as PROJ projects it.
import type { CrsDefinition } from './crs.ts';

export const EPSG_DEFINITIONS: readonly CrsDefinition[] = [
`;
const lines = definitions.map((d) => `  ${JSON.stringify(d)},`).join('\n');
writeFileSync(new URL('../server/src/modules/imports/crs/epsg-definitions.ts', import.meta.url), `${header}${lines}\n];\n`);
console.log(`${definitions.length} definitions`);
