import { cellToLatLng } from 'h3-js';
import { aggregateToGrid, aggregateToH3, h3CellRing, type WindowedCounts } from '../../../../../analytics/src/index.ts';
import type { Job, JobResult } from '../job.ts';
import { csvBytes, featureCollection, GridGeometry, gridDescription, jsonBytes, projectPoints, resultHeader, roundDegrees, type Feature, type Report } from './output.ts';

/** Total and per-window counts of cell k (of `cells` cells). */
function countsOf(result: WindowedCounts, cells: number, k: number): { total: number; perWindow: number[] } {
  const perWindow: number[] = [];
  let total = 0;
  for (let w = 0; w < result.windows; w++) {
    const c = result.counts[w * cells + k]!;
    perWindow.push(c);
    total += c;
  }
  return { total, perWindow };
}

/** Rows of the CSV: one per cell, or with windows one per cell and window (long format). */
function* countRows(leading: (string | number)[], counts: { total: number; perWindow: number[] }, job: Job) {
  if (!job.windows) {
    yield [...leading, counts.total];
    return;
  }
  for (let w = 0; w < counts.perWindow.length; w++) yield [...leading, job.windows.labels[w]!.start, counts.perWindow[w]!];
}

/** Incidents per square cell (metres, local UTM), optionally per time window; only non-empty cells are listed. */
export function computeGridCounts(job: Job, report: Report): JobResult {
  const grid = job.grid!;
  const { x, y } = projectPoints(job);
  report('computing', 0.3);
  const result = aggregateToGrid({ x, y, times: job.points.day }, grid, job.windows?.breaks);
  report('writing', 0.6);
  const geometry = new GridGeometry(grid, job.projection!.proj4);
  const cells = grid.ncol * grid.nrow;
  const features: Feature[] = [];
  const rows: (string | number)[][] = [];
  for (let k = 0; k < cells; k++) {
    const counts = countsOf(result, cells, k);
    if (counts.total === 0) continue;
    const col = k % grid.ncol;
    const row = Math.floor(k / grid.ncol);
    const properties: Record<string, unknown> = { col, row, count: counts.total };
    if (job.windows) properties.counts = counts.perWindow;
    features.push({ type: 'Feature', id: `${col}:${row}`, geometry: geometry.polygon(k), properties });
    const [lon, lat] = geometry.centre(k);
    rows.push(...countRows([col, row, grid.originX + col * grid.cellSize, grid.originY + row * grid.cellSize, lon, lat], counts, job));
  }
  const collection = featureCollection(features);
  const header = ['col', 'row', 'x_min', 'y_min', 'centre_lon', 'centre_lat', ...(job.windows ? ['window_start'] : []), 'count'];
  return {
    json: jsonBytes({
      ...resultHeader(job),
      grid: gridDescription(grid, job.projection!.epsg),
      windows: job.windows?.labels ?? [],
      dropped: result.dropped,
      cells: collection,
    }),
    csv: csvBytes(header, rows),
    geojson: jsonBytes(collection),
    raster: null,
  };
}

/** Incidents per H3 hexagon, optionally per time window; only non-empty hexagons exist. */
export function computeH3Counts(job: Job, report: Report): JobResult {
  if (job.request.statistic !== 'h3') throw new TypeError('not an H3 job');
  const { resolution } = job.request.parameters;
  const result = aggregateToH3({ lat: job.points.lat, lng: job.points.lon, times: job.points.day }, resolution, job.windows?.breaks);
  report('writing', 0.5);
  const features: Feature[] = [];
  const rows: (string | number)[][] = [];
  result.cells.forEach((cell, k) => {
    const counts = countsOf(result, result.cells.length, k);
    if (counts.total === 0) return;
    const properties: Record<string, unknown> = { h3: cell, count: counts.total };
    if (job.windows) properties.counts = counts.perWindow;
    const ring = h3CellRing(cell).map(([lng, lat]) => [roundDegrees(lng!), roundDegrees(lat!)]);
    features.push({ type: 'Feature', id: cell, geometry: { type: 'Polygon', coordinates: [ring] }, properties });
    const [lat, lng] = cellToLatLng(cell);
    rows.push(...countRows([cell, roundDegrees(lng), roundDegrees(lat)], counts, job));
  });
  const collection = featureCollection(features);
  const header = ['h3', 'centre_lon', 'centre_lat', ...(job.windows ? ['window_start'] : []), 'count'];
  return {
    json: jsonBytes({ ...resultHeader(job), resolution, windows: job.windows?.labels ?? [], dropped: result.dropped, cells: collection }),
    csv: csvBytes(header, rows),
    geojson: jsonBytes(collection),
    raster: null,
  };
}
