import { writeDocsSection } from '../common/docs-section.ts';
import type { Machine } from '../api/machine.ts';
import type { LoadTimes } from './data.ts';
import { LAYER_OPTIONS, type ZoomResult } from './measure.ts';
import { options } from './options.ts';

export const SECTION = '## Map tiles at 1,000,000 points (npm run bench:tiles)';
/** Per-tile latency under which panning stays fluid. */
export const FLUID_P99_MS = 100;

export interface EngineResult {
  engine: 'PostgreSQL' | 'PGlite';
  load: LoadTimes;
  zooms: ZoomResult[];
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const n0 = (v: number) => Math.round(v).toLocaleString('en-US');
const s1 = (v: number) => `${(v / 1000).toFixed(1)} s`;
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

function sentAs(z: ZoomResult): string {
  const parts: string[] = [];
  if (z.modes.cells) parts.push(`${z.modes.cells} cells`);
  if (z.modes.points) parts.push(`${z.modes.points} points`);
  if (z.modes.truncated) parts.push(`${z.modes.truncated} capped`);
  return parts.join(', ');
}

export function markdownTable(results: EngineResult[]): string {
  const lines = [
    '| Engine | z | tiles (samples) | p50 ms | p99 ms | p50 / p99 ms of non-empty tiles (tiles) | SQL p50 / p99 ms | total / SQL (means) | ST_AsMVT p50 / p99 ms | ours / ST_AsMVT (means) | features/tile (max) | bytes/tile (ST_AsMVT) | heaviest tile: rows → p50 ms | tiles sent as |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const r of results) {
    for (const z of r.zooms) {
      const mark = z.total.p99 < FLUID_P99_MS ? '' : ' ✗';
      lines.push(
        `| ${r.engine} | ${z.zoom} | ${z.tiles} (${z.samples}) | ${ms(z.total.p50)} | **${ms(z.total.p99)}**${mark} | ${ms(z.nonEmpty.p50)} / ${ms(z.nonEmpty.p99)} (${z.nonEmpty.tiles}) | ` +
          `${ms(z.sql.p50)} / ${ms(z.sql.p99)} | ${ratio(z.total.mean, z.sql.mean)} | ` +
          `${z.mvt ? `${ms(z.mvt.p50)} / ${ms(z.mvt.p99)}` : '–'} | ${z.mvt ? ratio(z.total.mean, z.mvt.mean) : '–'} | ${n0(z.features)} (${n0(z.maxFeatures)}) | ` +
          `${n0(z.bytes)}${z.mvt ? ` (${n0(z.mvt.bytes)})` : ''} | ${z.heaviest.mode === 'points, capped' ? `> ${n0(z.heaviest.rows - 1)}` : n0(z.heaviest.rows)} ${z.heaviest.mode === 'cells' ? 'in cells' : 'as points'} → ${ms(z.heaviest.p50)} | ${sentAs(z)} |`,
      );
    }
  }
  return lines.join('\n');
}

export function loadLines(results: EngineResult[]): string[] {
  return results.map(
    (r) =>
      `${r.engine}: insert ${s1(r.load.insertMs)} (batches of 50,000 through \`unnest\`), GiST index ${s1(r.load.indexMs)}, ` +
      `\`vacuum analyze\` ${s1(r.load.analyzeMs)}: **${s1(r.load.insertMs + r.load.indexMs + r.load.analyzeMs)}** in all; table and indexes ${n0(r.load.totalBytes / 1024 ** 2)} MiB.`,
  );
}

export function planLines(results: EngineResult[]): string[] {
  const describe = (plans: Record<string, number>) =>
    Object.entries(plans)
      .sort((a, b) => b[1] - a[1])
      .map(([plan, n]) => `${plan} ×${n}`)
      .join(', ');
  return results.map((r) => `${r.engine}: ${r.zooms.map((z) => `z${z.zoom} ${describe(z.plans)}`).join('; ')}.`);
}

/** Which zooms meet the bar, per engine (the data-driven part of the reading). */
export function verdicts(results: EngineResult[]): string[] {
  return results.map((r) => {
    const ok = r.zooms.filter((z) => z.total.p99 < FLUID_P99_MS).map((z) => z.zoom);
    const slow = r.zooms.filter((z) => z.total.p99 >= FLUID_P99_MS).map((z) => `z${z.zoom} (p99 ${ms(z.total.p99)} ms)`);
    return `${r.engine}: p99 < ${FLUID_P99_MS} ms at ${ok.length ? `z${ok.join(', z')}` : 'no zoom measured'}${slow.length ? `; over the bar: ${slow.join(', ')}` : ''}.`;
  });
}

export function section(machine: Machine, pointsDescription: string, results: EngineResult[], reading: string[], loadAverage: [number, number]): string {
  const o = LAYER_OPTIONS;
  const body = [
    SECTION,
    '',
    `Run on ${machine.date} (code at ${machine.revision}): ${machine.cpus} vCPU (${machine.cpuModel}), ${machine.ramGiB} GiB RAM, ${machine.os}, ` +
      `Node ${machine.node}, PostgreSQL ${machine.postgres ?? 'n/a'} (local, stock configuration), PGlite ${machine.pglite} (data directory in a temporary folder). ` +
      'One client asks for one tile at a time; client, database and encoder share these cores ' +
      `(1-minute load average ${loadAverage[0].toFixed(1)} at the start of the run, ${loadAverage[1].toFixed(1)} at the end; the benchmark itself accounts for about 1, the rest is other work on the machine).`,
    '',
    `**What**: \`npm run bench:tiles\` loads ${n0(options.points)} points into \`bench_points(id bigint generated always as identity primary key, geom geometry(Point,4326) not null, category text)\` ` +
      `with a GiST index on \`geom\`, on each engine (PostgreSQL: database \`${options.database}\`, dropped and recreated; PGlite: a fresh data directory). ` +
      `The points are ${pointsDescription}.`,
    '',
    `Each tile is timed end to end through \`pointLayerFeatures\` (server/src/platform/tiles/point-layer.ts, defaults: grid cells of ${o.cellPixels} px of ${512} px tiles below z${o.pointZoom}, ` +
      `points when a tile holds at most ${n0(o.pointThreshold)} rows or from z${o.pointZoom} on, at most ${n0(o.maxPoints)} points per tile; property \`category\`) and then \`encodeTile\` ` +
      '(geojson-vt + vt-pbf). The tiles per zoom: the downtown tile, the tiles of the Portland bbox (−122.84, 45.37, −122.36, 45.66; all of them, or a seeded sample when ' +
      `there are more than ${options.tilesPerZoom}), and up to ${options.randomTiles} seeded random tiles of a wider box around the city (−123.6 … −121.6, 44.9 … 46.1). One warm-up pass, ` +
      `then ${options.rounds} measured passes; p50/p99 are over all samples of the zoom (many tiles at the edge of the bbox are empty or nearly so, hence also the columns of non-empty tiles and of the tile with the most rows). "SQL" is the part of the same request before encoding (the statements plus turning rows into features); ` +
      '"ST_AsMVT" runs, on PostgreSQL only, the same statements with the encoding done by the database (`ST_AsMVT`/`ST_AsMVTGeom`, tile envelope in EPSG:3857, buffer 64 of 4096), ' +
      'on a connection with `jit = off` (with the stock `jit = on`, PostgreSQL compiles that statement for heavy tiles, about +70 ms, because the planner guesses 40,000 cells; ' +
      'the point layer\'s own statements stay under `jit_above_cost`): the speed of an all-database path that PGlite cannot offer. Features and bytes are means per tile of one pass; "capped" tiles hit the cap of points (`truncated`).',
    '',
    markdownTable(results),
    '',
    `✗: p99 over ${FLUID_P99_MS} ms, the bar for fluid panning (a map view needs 6–20 tiles at once, fetched in parallel).`,
    '',
    '**Loading the points**',
    '',
    ...loadLines(results).map((l) => `- ${l}`),
    '',
    '**Plans**: scan nodes in the EXPLAIN of the statement each tile ends with (the cells query, or the points query), and on how many of the zoom\'s tiles. "Index" scans are on `bench_points_geom_idx` (GiST), the only index besides the primary key.',
    '',
    ...planLines(results).map((l) => `- ${l}`),
    '',
    '**Reading**',
    '',
    ...verdicts(results).map((l) => `- ${l}`),
    ...reading.map((l) => `- ${l}`),
    '',
    `Run again: \`npm run bench:tiles\` (PostgreSQL at \`BENCH_PG_ADMIN_URL\`, default \`postgres://postgres@127.0.0.1:5432/postgres\`; it drops and recreates the database \`${options.database}\`). ` +
      'Knobs: `BENCH_ENGINES=postgres,pglite`, `BENCH_POINTS`, `BENCH_ZOOMS=8,10,12,14,16`, `BENCH_TILES_PER_ZOOM`, `BENCH_RANDOM_TILES`, `BENCH_ROUNDS`, `BENCH_WRITE_DOCS=0` ' +
      '(the section is only rewritten for runs of 1,000,000 points).',
  ];
  return `${body.join('\n')}\n`;
}

/** Replaces (or appends) this section of docs/benchmarks.md. */
export const writeDocs = (text: string): void => writeDocsSection(SECTION, text);
