import { contours, kernelDensity } from '../../../../../analytics/src/index.ts';
import type { Job, JobResult } from '../job.ts';
import { projector } from '../projection.ts';
import { csvBytes, featureCollection, gridDescription, jsonBytes, projectPoints, resultHeader, roundDegrees, type Feature, type Report } from './output.ts';

const M2_PER_KM2 = 1e6;

/**
 * Density levels of the highest-density regions: the level above which the raster holds the
 * share `mass` of the total estimated density (Hyndman 1996, "Computing and graphing highest
 * density regions"), from the pixels sorted by density.
 */
export function massLevels(density: Float64Array, masses: readonly number[]): number[] {
  const sorted = Float64Array.from(density.filter((v) => v > 0)).sort().reverse();
  let total = 0;
  for (const v of sorted) total += v;
  return masses.map((mass) => {
    let sum = 0;
    for (const v of sorted) {
      sum += v;
      if (sum >= mass * total) return v;
    }
    return sorted.at(-1) ?? 0;
  });
}

/** The value of the given quantile (0–1) of the positive pixels: where the heat colour saturates. */
function positiveQuantile(values: Float32Array, quantile: number): number {
  const positive = values.filter((v) => v > 0).sort();
  return positive.length === 0 ? 1 : positive[Math.min(positive.length - 1, Math.floor(quantile * positive.length))]!;
}

/** Kernel density in events per km² on the raster chosen for the study area, with contour lines and the raster kept for heat tiles. */
export function computeKde(job: Job, report: Report): JobResult {
  if (job.request.statistic !== 'kde') throw new TypeError('not a KDE job');
  const { kernel, bandwidth, edgeCorrection, contourMass } = job.request.parameters;
  const grid = job.grid!;
  const { x, y } = projectPoints(job);
  report('computing', 0.2);
  const kde = kernelDensity({ x, y }, grid, { kernel, bandwidth, edgeCorrection });
  report('writing', 0.7);
  const perKm2 = Float64Array.from(kde.density, (v) => v * M2_PER_KM2);
  const levels = massLevels(perKm2, contourMass);
  const p = projector(job.projection!);
  const lines = contours(perKm2, grid, levels);
  const features: Feature[] = lines.map((contour, k) => ({
    type: 'Feature',
    geometry: {
      type: 'MultiLineString',
      coordinates: contour.lines.map((line) => line.coordinates.map(([cx, cy]) => p.inverse(cx!, cy!).map(roundDegrees))),
    },
    properties: { mass: contourMass[k], level: contour.level },
  }));
  let max = 0;
  let sum = 0;
  for (const v of perKm2) {
    if (v > max) max = v;
    sum += v;
  }
  const pixelKm2 = (grid.cellSize * grid.cellSize) / M2_PER_KM2;
  const values = Float32Array.from(perKm2);
  const collection = featureCollection(features);
  const rows = (function* () {
    for (let k = 0; k < perKm2.length; k++) {
      const cx = grid.originX + ((k % grid.ncol) + 0.5) * grid.cellSize;
      const cy = grid.originY + (Math.floor(k / grid.ncol) + 0.5) * grid.cellSize;
      const [lon, lat] = p.inverse(cx, cy);
      yield [cx, cy, roundDegrees(lon), roundDegrees(lat), perKm2[k]!];
    }
  })();
  return {
    json: jsonBytes({
      ...resultHeader(job),
      raster: { ...gridDescription(grid, job.projection!.epsg), unit: 'incidents per km²', maxDensity: max, mass: sum * pixelKm2, dropped: kde.dropped },
      contours: collection,
    }),
    csv: csvBytes(['x_center', 'y_center', 'lon', 'lat', 'density_per_km2'], rows),
    geojson: jsonBytes(collection),
    raster: { grid, proj4: job.projection!.proj4, values, scaleMax: positiveQuantile(values, 0.995) },
  };
}
