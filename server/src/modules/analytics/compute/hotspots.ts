import {
  aggregateToGrid, distanceBandWeights, gridContiguity, localGiStar, localMoran, maskedGridContiguity, polygonMask, QUADRANTS,
  weightsFromNeighbourLists, type GiStarResult, type LocalMoranResult, type SpatialWeights,
} from '../../../../../analytics/src/index.ts';
import type { Job, JobResult } from '../job.ts';
import { projector } from '../projection.ts';
import { csvBytes, featureCollection, GridGeometry, gridDescription, jsonBytes, projectPoints, resultHeader, type Feature, type Report } from './output.ts';

/** The units compared: their counts, weights, and how to describe and draw unit k. */
interface Units {
  kind: 'grid' | 'polygons';
  values: Float64Array;
  weights: SpatialWeights;
  columns: string[];
  describe(k: number): (string | number | null)[];
  feature(k: number): Omit<Feature, 'properties'> & { properties: Record<string, unknown> };
  /** Grid cells are many: only those with incidents or a significant result are drawn. */
  drawAll: boolean;
  extra: Record<string, unknown>;
}

function gridUnits(job: Job, contiguity: 'queen' | 'rook'): Units {
  const grid = job.grid!;
  const { x, y } = projectPoints(job);
  const { counts } = aggregateToGrid({ x, y }, grid);
  let cells: Int32Array | null = null;
  let weights: SpatialWeights;
  let values: Float64Array;
  if (job.areaRings) {
    const masked = maskedGridContiguity(grid.ncol, grid.nrow, polygonMask(grid, job.areaRings), contiguity);
    cells = masked.cells;
    weights = masked.weights;
    values = Float64Array.from(cells, (c) => counts[c]!);
  } else {
    weights = gridContiguity(grid.ncol, grid.nrow, contiguity);
    values = counts;
  }
  const geometry = new GridGeometry(grid, job.projection!.proj4);
  const cellOf = (k: number) => (cells ? cells[k]! : k);
  return {
    kind: 'grid',
    values,
    weights,
    columns: ['id', 'col', 'row', 'x_min', 'y_min', 'centre_lon', 'centre_lat', 'count'],
    describe(k) {
      const c = cellOf(k);
      const col = c % grid.ncol;
      const row = Math.floor(c / grid.ncol);
      return [`${col}:${row}`, col, row, grid.originX + col * grid.cellSize, grid.originY + row * grid.cellSize, ...geometry.centre(c), values[k]!];
    },
    feature(k) {
      const c = cellOf(k);
      const col = c % grid.ncol;
      const row = Math.floor(c / grid.ncol);
      return { type: 'Feature', id: `${col}:${row}`, geometry: geometry.polygon(c), properties: { id: `${col}:${row}`, col, row, count: values[k]! } };
    },
    drawAll: false,
    extra: { grid: gridDescription(grid, job.projection!.epsg), studyAreaCells: values.length },
  };
}

function polygonUnits(job: Job, weightsSpec: { kind: 'contiguity' } | { kind: 'distance'; distance: number }): Units {
  const units = job.units!;
  let weights: SpatialWeights;
  if (weightsSpec.kind === 'distance') {
    const p = projector(job.projection!);
    const n = units.ids.length;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let k = 0; k < n; k++) [x[k], y[k]] = p.forward(units.centroids.lon[k]!, units.centroids.lat[k]!);
    weights = distanceBandWeights(x, y, weightsSpec.distance);
  } else {
    weights = weightsFromNeighbourLists(units.neighbours!);
  }
  const neighbours = Array.from({ length: units.ids.length }, (_, k) => Array.from(weights.neighbours.subarray(weights.offsets[k]!, weights.offsets[k + 1]!), (j) => units.ids[j]!));
  return {
    kind: 'polygons',
    values: units.counts,
    weights,
    columns: ['id', 'name', 'centroid_lon', 'centroid_lat', 'count'],
    describe: (k) => [units.ids[k]!, units.names[k] ?? null, units.centroids.lon[k]!, units.centroids.lat[k]!, units.counts[k]!],
    feature: (k) => ({
      type: 'Feature',
      id: units.ids[k]!,
      geometry: units.geometries[k],
      properties: { id: units.ids[k]!, name: units.names[k] ?? null, count: units.counts[k]!, neighbours: neighbours[k]!.length },
    }),
    drawAll: true,
    extra: { neighbours: Object.fromEntries(units.ids.map((id, k) => [id, neighbours[k]!])) },
  };
}

const finite = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? null : v);

/** Column values of Gi* or Moran at unit k, and whether the unit is significant at 90 % (Gi*) or 95 % (Moran). */
function statisticColumns(statistic: 'gistar' | 'moran', r: GiStarResult | LocalMoranResult) {
  const common = (k: number) => ({ z: finite(r.z[k]), p: finite(r.p[k]), pSim: r.pSim ? finite(r.pSim[k]) : null, q: r.q ? finite(r.q[k]) : null });
  if (statistic === 'gistar') {
    const g = r as GiStarResult;
    return {
      names: ['gistar_z', 'gistar_p', 'p_sim', 'q', 'class'],
      at: (k: number) => ({ ...common(k), class: g.classes[k]! }),
      significant: (k: number) => g.classes[k] !== 0,
    };
  }
  const m = r as LocalMoranResult;
  const decisive = m.q ?? m.pSim ?? m.p;
  const cluster = (k: number) => (decisive[k]! < 0.05 ? (QUADRANTS[m.quadrant[k]!] ?? null) : null);
  return {
    names: ['moran_i', 'moran_e', 'moran_var', 'moran_z', 'moran_p', 'p_sim', 'q', 'quadrant', 'cluster'],
    at: (k: number) => ({ i: finite(m.i[k]), expected: finite(m.expected[k]), variance: finite(m.variance[k]), ...common(k), quadrant: QUADRANTS[m.quadrant[k]!] ?? null, cluster: cluster(k) }),
    significant: (k: number) => cluster(k) !== null,
  };
}

/** Local Gi* or local Moran's I over grid cells inside the study area or over polygons. */
export function computeHotspots(job: Job, report: Report): JobResult {
  const request = job.request;
  if (request.statistic !== 'gistar' && request.statistic !== 'moran') throw new TypeError('not a hotspot job');
  const { units: spec, permutations, seed, fdr } = request.parameters;
  const units = spec.kind === 'grid' ? gridUnits(job, spec.contiguity) : polygonUnits(job, spec.weights);
  report('computing', 0.1);
  const options = { permutations, seed, fdr, onProgress: (f: number) => report('computing', 0.1 + 0.8 * f) };
  const result = request.statistic === 'gistar' ? localGiStar(units.values, units.weights, options) : localMoran(units.values, units.weights, options);
  report('writing', 0.9);
  const columns = statisticColumns(request.statistic, result);
  const features: Feature[] = [];
  const rows: (string | number | null)[][] = [];
  const n = units.values.length;
  let significant = 0;
  for (let k = 0; k < n; k++) {
    const values = columns.at(k);
    const isSignificant = columns.significant(k);
    if (isSignificant) significant++;
    rows.push([...units.describe(k), ...Object.values(values)]);
    if (units.drawAll || isSignificant || units.values[k]! > 0) {
      const feature = units.feature(k);
      features.push({ ...feature, properties: { ...feature.properties, ...values } });
    }
  }
  const collection = featureCollection(features);
  return {
    json: jsonBytes({
      ...resultHeader(job),
      units: { kind: units.kind, count: n, drawn: features.length, significant },
      ...units.extra,
      features: collection,
    }),
    csv: csvBytes([...units.columns, ...columns.names], rows),
    geojson: jsonBytes(collection),
    raster: null,
  };
}
