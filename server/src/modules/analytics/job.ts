import type { GridSpec } from '../../../../analytics/src/index.ts';
import type { CreateRunInput, Projection } from './schemas.ts';
import type { TimeWindows } from './time-windows.ts';

/**
 * What a worker thread receives: the validated request, the selected incidents as typed
 * arrays (transferred, not copied) and everything decided on the main thread (projection,
 * grid, windows, polygon units). Workers never touch the database.
 */
export interface Job {
  runId: string;
  request: CreateRunInput;
  projection: Projection | null;
  points: PointArrays;
  /** Count grids, hotspot grids and KDE rasters: chosen on the main thread, where the limits are checked. */
  grid: GridSpec | null;
  /** Study-area polygon in projected coordinates (hotspot grids keep the cells inside it). */
  areaRings: number[][][][] | null;
  windows: TimeWindows | null;
  /** Days the selection covers: trends test partial periods on their covered days. */
  observedDays: { first: number; last: number } | null;
  units: PolygonUnits | null;
  /** Names of administrative areas (organisations), for trends by area. */
  areaNames: Record<string, string>;
}

export interface PointArrays {
  lon: Float64Array;
  lat: Float64Array;
  /** Civil day of the occurrence start in the selection's time zone. */
  day: Int32Array;
  /** ICCS prefix (trends by category), '' when unclassified. */
  category: string[] | null;
  /** Administrative area (organisation id), '' when none. */
  area: string[] | null;
}

export interface PolygonUnits {
  ids: string[];
  names: (string | null)[];
  /** GeoJSON geometries (WGS 84), as given or as stored. */
  geometries: unknown[];
  counts: Float64Array;
  /** From PostGIS (contiguity weights), or null for distance bands from the centroids. */
  neighbours: number[][] | null;
  centroids: { lon: Float64Array; lat: Float64Array };
}

/** What a worker sends back: the serialised outputs, and for KDE the raster for tiles. */
export interface JobResult {
  json: Uint8Array;
  csv: Uint8Array;
  geojson: Uint8Array | null;
  raster: RasterForTiles | null;
}

export interface RasterForTiles {
  grid: GridSpec;
  proj4: string;
  /** Density per km², row-major, row 0 south. */
  values: Float32Array;
  /** Value shown at full colour (the 99.5th percentile of positive pixels). */
  scaleMax: number;
}

export type WorkerMessage =
  | { type: 'progress'; stage: 'computing' | 'writing'; fraction: number }
  | { type: 'done'; result: JobResult }
  | { type: 'failed'; error: { code: string; message: string; details: Record<string, unknown> } };

/** The buffers a message moves between threads without copying. */
export function transferablesOf(value: { [key: string]: unknown } | null): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const visit = (v: unknown) => {
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
    else if (v && typeof v === 'object' && !Array.isArray(v)) for (const inner of Object.values(v)) visit(inner);
  };
  visit(value);
  return [...buffers];
}
