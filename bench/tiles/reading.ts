// The interpretation written into docs/benchmarks.md: sentences computed from the measured
// numbers, then what they mean for the product (which holds as long as the numbers keep their
// shape; the bench prints the table, so a run that contradicts it shows at once).
import { LAYER_OPTIONS } from './measure.ts';
import { FLUID_P99_MS, type EngineResult } from './report.ts';

const n0 = (v: number) => Math.round(v).toLocaleString('en-US');
const pct = (v: number) => `${Math.round(v * 100)} %`;
const x2 = (v: number) => `${v.toFixed(2)}×`;

export function reading(results: EngineResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    const cells = r.zooms.filter((z) => z.heaviest.mode === 'cells').sort((a, b) => b.heaviest.rows - a.heaviest.rows)[0];
    if (cells) {
      const perMs = cells.heaviest.rows / cells.heaviest.p50;
      out.push(
        `${r.engine}, grid cells: the heaviest tile (z${cells.zoom} ${cells.heaviest.tile}, ${n0(cells.heaviest.rows)} rows into ${cells.maxFeatures} cells) takes ${n0(cells.heaviest.p50)} ms (p50), ` +
          `about ${(perMs / 1000).toFixed(1)} million rows/s on one core, so a tile stays under ${FLUID_P99_MS} ms while it has fewer than roughly ${n0(Math.floor((perMs * FLUID_P99_MS * 0.8) / 10_000) * 10_000)} rows behind it. ` +
          'The cost follows the rows inside the tile (scanning them, then hashing them into cells), not the size of the table.',
      );
    }
    const points = r.zooms.filter((z) => z.zoom >= LAYER_OPTIONS.pointZoom);
    if (points.length > 0) {
      out.push(
        `${r.engine}, points (z${LAYER_OPTIONS.pointZoom} and above): encoding is ${points.map((z) => `${pct(1 - z.sql.mean / z.total.mean)} (z${z.zoom})`).join(', ')} of the time; ` +
          `the tiles cut at ${n0(LAYER_OPTIONS.maxPoints)} points (≈ 120 kB) take ${points.map((z) => `${n0(z.heaviest.p50)} ms (z${z.zoom})`).join(', ')}.`,
      );
    }
    const withMvt = r.zooms.filter((z) => z.mvt);
    if (withMvt.length > 0) {
      out.push(`${r.engine}: ours / ST_AsMVT on the mean tile time: ${withMvt.map((z) => `${x2(z.total.mean / z.mvt!.mean)} (z${z.zoom})`).join(', ')}.`);
    }
  }
  const pg = results.find((r) => r.engine === 'PostgreSQL');
  const lite = results.find((r) => r.engine === 'PGlite');
  const fluid = (r: EngineResult | undefined, zoom: number) => r?.zooms.find((z) => z.zoom === zoom && z.total.p99 < FLUID_P99_MS) !== undefined;
  const slowLow = pg?.zooms.filter((z) => z.zoom < LAYER_OPTIONS.pointZoom && z.total.p99 >= FLUID_P99_MS) ?? [];
  const lowZooms = slowLow.map((z) => z.zoom);
  const range = (values: number[], f: (v: number) => string) => `${f(Math.min(...values))}–${f(Math.max(...values))}`;
  const heavyRows = range(slowLow.map((z) => z.heaviest.rows), (v) => `${(v / 1e6).toFixed(1)}`);
  const heavyMs = range(slowLow.map((z) => z.heaviest.p50), (v) => `${(v / 1000).toFixed(2)}`);
  out.push(
    '**Is it fluid?** ' +
      (fluid(pg, 14) && fluid(pg, 16)
        ? `On PostgreSQL, from z${LAYER_OPTIONS.pointZoom} on (streets, where individual incidents matter) yes: every tile, including those cut at the cap, is under ${FLUID_P99_MS} ms. `
        : `On PostgreSQL not even at the point zooms on this run. `) +
      (lowZooms.length > 0
        ? `At z${lowZooms.join(', z')}, no: the tile that covers the dense core of the city holds ${heavyRows} million rows, and aggregating them per request costs ${heavyMs} s. ` +
          'Empty and suburban tiles are instant, so the map opens with the central tile(s) arriving a few hundred ms after the others; panning over the centre at those zooms is not fluid. '
        : '') +
      (lite ? `PGlite is slower at every zoom and over the bar at ${lite.zooms.filter((z) => z.total.p99 >= FLUID_P99_MS).map((z) => `z${z.zoom}`).join(', ') || 'none'}; it also runs every statement of the server on its one connection, so a heavy tile holds up all other requests meanwhile. A million points is beyond what the embedded engine is for.` : ''),
  );
  out.push(
    '**Where to go from here** (not done): (1) low zooms need precomputed counts, e.g. a per-zoom cell table (z ≤ 12) refreshed by a job, which the point layer could read instead of the rows; ' +
      'because what a user may see depends on the access condition, such counts must be kept per access class (e.g. TLP × owner organisation) or limited to what everyone may see, and the same holds for any tile cache. ' +
      '(2) Until then, a layer can start at z13 (the densest z12 tile is just over the bar) and show counts per jurisdiction below that. (3) At the point zooms, most of the encoding is geojson-vt cutting the tile down from z0 through every zoom level ' +
      '(`encodeTile` indexes nothing up front); measured apart, about 13 of 19 ms for 5,000 points at z14. An encoder that writes points straight into tile coordinates would bring the capped tiles close to ST_AsMVT. ' +
      '(4) Capped tiles (downtown at z14–16) keep the rows the scan meets first; with rows in arrival order they spread over the tile, but a spatially ordered table (CLUSTER) would bunch them, so callers should pass `orderBy` ' +
      '(e.g. newest first; `p.id desc` cost +0–10 ms on the heaviest tiles here).',
  );
  return out;
}
