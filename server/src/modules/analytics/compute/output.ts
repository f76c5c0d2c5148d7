import { cellRing, csvLine, type GridSpec } from '../../../../../analytics/src/index.ts';
import type { Job } from '../job.ts';
import { projector, type Projector } from '../projection.ts';

const encoder = new TextEncoder();

/** UTF-8 bytes of a CSV table: a header line and one line per row. */
export function csvBytes(header: readonly string[], rows: Iterable<readonly (string | number | null | undefined)[]>): Uint8Array {
  const lines = [csvLine(header)];
  for (const row of rows) lines.push(csvLine(row));
  return encoder.encode(lines.join(''));
}

export const jsonBytes = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));

export interface Feature {
  type: 'Feature';
  id?: string | number;
  geometry: unknown;
  properties: Record<string, unknown>;
}

export const featureCollection = (features: Feature[]) => ({ type: 'FeatureCollection' as const, features });

/** Positions rounded to 1e-7° (about 1 cm): RFC 7946 §11.2 advises against false precision. */
export const roundDegrees = (v: number) => Math.round(v * 1e7) / 1e7;

/** The header every result starts with: what was asked and over how many incidents. */
export function resultHeader(job: Job) {
  const { statistic, selection, parameters } = job.request;
  return {
    runId: job.runId,
    statistic,
    selection,
    parameters: summariseParameters(parameters),
    incidents: job.points.lon.length,
    projection: job.projection,
  };
}

/** Parameters as echoed: polygons given inline are counted, not repeated. */
function summariseParameters(parameters: Job['request']['parameters']): unknown {
  if ('units' in parameters && parameters.units.kind === 'polygons') {
    return { ...parameters, units: { ...parameters.units, features: { type: 'FeatureCollection', count: parameters.units.features.features.length } } };
  }
  return parameters;
}

/** Grid cells as WGS 84 polygons: corners inverse-projected once each and shared between cells. */
export class GridGeometry {
  readonly #p: Projector;
  readonly #nodes = new Map<number, number[]>();

  constructor(
    readonly grid: GridSpec,
    proj4: string,
  ) {
    this.#p = projector({ proj4 });
  }

  /** The cell as a closed counter-clockwise ring of [lon, lat] (RFC 7946 right-hand rule). */
  polygon(index: number): { type: 'Polygon'; coordinates: number[][][] } {
    const { ncol, originX, originY, cellSize } = this.grid;
    const ring = cellRing(this.grid, index).map(([x, y]) => {
      const col = Math.round((x! - originX) / cellSize);
      const row = Math.round((y! - originY) / cellSize);
      const key = row * (ncol + 1) + col;
      let node = this.#nodes.get(key);
      if (!node) {
        const [lon, lat] = this.#p.inverse(x!, y!);
        node = [roundDegrees(lon), roundDegrees(lat)];
        this.#nodes.set(key, node);
      }
      return node;
    });
    return { type: 'Polygon', coordinates: [ring] };
  }

  /** Centre of a cell in WGS 84. */
  centre(index: number): [number, number] {
    const { ncol, originX, originY, cellSize } = this.grid;
    const [lon, lat] = this.#p.inverse(originX + ((index % ncol) + 0.5) * cellSize, originY + (Math.floor(index / ncol) + 0.5) * cellSize);
    return [roundDegrees(lon), roundDegrees(lat)];
  }
}

export const gridDescription = (grid: GridSpec, epsg: number) => ({ crs: `EPSG:${epsg}`, ...grid });

/** Projects the selected points into the job's local CRS. */
export function projectPoints(job: Job): { x: Float64Array; y: Float64Array } {
  const p = projector(job.projection!);
  const n = job.points.lon.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) [x[i], y[i]] = p.forward(job.points.lon[i]!, job.points.lat[i]!);
  return { x, y };
}

export type Report = (stage: 'computing' | 'writing', fraction: number) => void;
