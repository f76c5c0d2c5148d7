import { prng } from '../common/prng.ts';
// The benchmark's points: Portland calls for service (August 2016, ../shared/data) replicated
// with a seeded Gaussian jitter, or a seeded synthetic clustered set when that file is absent.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';

export const CFS_CSV = fileURLToPath(new URL('../../../shared/data/portland-cfs-2016-08.csv', import.meta.url));
/** Standard deviation of the jitter of each copy of a call, in metres. */
export const JITTER_METRES = 150;
export const SEED = 20160801;

/** Where the points lie (the located calls span −122.821 … −122.373, 45.379 … 45.653). */
export const PORTLAND_BBOX = { west: -122.84, south: 45.37, east: -122.36, north: 45.66 };


/** Standard normal values from a uniform PRNG (Box–Muller, both values used). */
function gaussian(random: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    const u = 1 - random();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * random();
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
}

/** Fields of one RFC 4180 line (no line breaks inside fields in these files). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

interface Seed {
  lon: number;
  lat: number;
  category: string;
}

function readCalls(): Seed[] {
  const [header, ...lines] = readFileSync(CFS_CSV, 'utf8').split('\n');
  const cols = csvFields(header!);
  const [iLon, iLat, iCat] = ['lon', 'lat', 'category'].map((c) => cols.indexOf(c));
  const calls: Seed[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const f = csvFields(line);
    if (!f[iLon!] || !f[iLat!]) continue; // the blank last record
    calls.push({ lon: Number(f[iLon!]), lat: Number(f[iLat!]), category: f[iCat!] || 'OTHER' });
  }
  return calls;
}

/** Seeded synthetic stand-in: 400 hot spots of power-law sizes over the Portland bbox. */
function syntheticSeeds(): Seed[] {
  const random = prng(SEED + 1);
  const normal = gaussian(random);
  const categories = ['OTHER', 'OTHER', 'OTHER', 'OTHER', 'STREET CRIMES', 'MOTOR VEHICLE THEFT', 'BURGLARY'];
  const seeds: Seed[] = [];
  for (let h = 0; h < 400; h++) {
    const lon = PORTLAND_BBOX.west + random() * (PORTLAND_BBOX.east - PORTLAND_BBOX.west);
    const lat = PORTLAND_BBOX.south + random() * (PORTLAND_BBOX.north - PORTLAND_BBOX.south);
    const size = Math.ceil(5 / (random() + 0.02)); // 5 … 250 calls
    const spread = 200 + random() * 1500; // metres
    for (let i = 0; i < size; i++) {
      const [dx, dy] = [normal() * spread, normal() * spread];
      seeds.push({ lon: lon + dx / (111_320 * Math.cos((lat * Math.PI) / 180)), lat: lat + dy / 110_574, category: categories[Math.floor(random() * categories.length)]! });
    }
  }
  return seeds;
}

export interface PointSet {
  lon: Float64Array;
  lat: Float64Array;
  category: string[];
  /** How the points were made, for the report. */
  description: string;
}

/**
 * `count` points: copy i is call i mod N of the source, moved by a seeded Gaussian jitter of
 * JITTER_METRES in each axis. The order (calls interleaved, as they would arrive over time)
 * leaves no spatial order in the table's heap.
 */
export function makePoints(count: number): PointSet {
  const fromFile = existsSync(CFS_CSV);
  const seeds = fromFile ? readCalls() : syntheticSeeds();
  const normal = gaussian(prng(SEED));
  const lon = new Float64Array(count);
  const lat = new Float64Array(count);
  const category = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const s = seeds[i % seeds.length]!;
    lon[i] = s.lon + (normal() * JITTER_METRES) / (111_320 * Math.cos((s.lat * Math.PI) / 180));
    lat[i] = s.lat + (normal() * JITTER_METRES) / 110_574;
    category[i] = s.category;
  }
  const copies = (count / seeds.length).toFixed(1);
  const description = fromFile
    ? `the ${seeds.length.toLocaleString('en-US')} located Portland calls for service of August 2016 (\`../shared/data/portland-cfs-2016-08.csv\`), each copied ~${copies} times with a seeded Gaussian jitter (σ ${JITTER_METRES} m, mulberry32 seed ${SEED}), in arrival order (no spatial order in the heap)`
    : `a seeded synthetic clustered set (\`../shared/data\` absent): ${seeds.length.toLocaleString('en-US')} seeds around 400 hot spots of power-law sizes over Portland, each copied ~${copies} times with a Gaussian jitter (σ ${JITTER_METRES} m)`;
  return { lon, lat, category, description };
}

export interface LoadTimes {
  insertMs: number;
  indexMs: number;
  analyzeMs: number;
  totalBytes: number;
}

/**
 * Creates bench_points, inserts the points in batches (unnest of arrays, the same SQL on
 * both engines), then builds the GiST index and analyzes.
 */
export async function loadPoints(db: Kysely<any>, points: PointSet, batch = 50_000): Promise<LoadTimes> {
  await sql`drop table if exists bench_points`.execute(db);
  await sql`create table bench_points (
    id bigint generated always as identity primary key,
    geom geometry(Point, 4326) not null,
    category text)`.execute(db);
  const t0 = performance.now();
  for (let start = 0; start < points.lon.length; start += batch) {
    const end = Math.min(points.lon.length, start + batch);
    await sql`insert into bench_points (geom, category)
      select ST_SetSRID(ST_MakePoint(t.lon, t.lat), 4326), t.category
      from unnest(${Array.from(points.lon.subarray(start, end))}::float8[], ${Array.from(points.lat.subarray(start, end))}::float8[], ${points.category.slice(start, end)}::text[]) as t(lon, lat, category)`.execute(db);
  }
  const t1 = performance.now();
  await sql`create index bench_points_geom_idx on bench_points using gist (geom)`.execute(db);
  const t2 = performance.now();
  await sql`vacuum analyze bench_points`.execute(db);
  const t3 = performance.now();
  const { rows } = await sql<{ bytes: number }>`select pg_total_relation_size('bench_points')::float8 as bytes`.execute(db);
  return { insertMs: t1 - t0, indexMs: t2 - t1, analyzeMs: t3 - t2, totalBytes: rows[0]!.bytes };
}

export { prng };
