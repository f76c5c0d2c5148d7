import type { Extent, GridSpec } from '../../../../analytics/src/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError, invalidField } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { LIMITS, requireAtMost } from './limits.ts';
import { projectedBoxExtent, projectedExtent, projector, utmProjectionFor, type LonLatBox, type Projector } from './projection.ts';
import * as q from './queries.ts';
import type { AnalysisArea, CreateRunInput, HotspotUnits, Projection } from './schemas.ts';
import { countWindows, localDayOf, timeWindows, type TimeWindows, type WindowKind } from './time-windows.ts';

/** A request checked against the data and the limits, with every decision the worker needs. */
export interface PreparedRun {
  input: CreateRunInput;
  filter: q.SelectionFilter;
  categoryDigits: number;
  projection: Projection | null;
  grid: GridSpec | null;
  areaRings: number[][][][] | null;
  windows: TimeWindows | null;
  polygons: PreparedPolygons | null;
  /** Civil days the selection covers (its time window, else the first to the last incident). */
  observedDays: { first: number; last: number } | null;
}

export interface PreparedPolygons {
  ids: string[];
  names: (string | null)[];
  geojsons: string[];
  geometries: unknown[];
  weights: Extract<HotspotUnits, { kind: 'polygons' }>['weights'];
}

type Polygonal = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

interface ResolvedArea {
  box: LonLatBox;
  /** Polygon areas: GeoJSON text for SQL and the parsed geometry for the grid mask. */
  geojson: string | null;
  geometry: Polygonal | null;
}

const polygonsOf = (g: Polygonal): number[][][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

function boxOf(positions: Iterable<readonly number[]>): LonLatBox {
  const box = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  for (const [lon, lat] of positions) {
    box.minLon = Math.min(box.minLon, lon!);
    box.maxLon = Math.max(box.maxLon, lon!);
    box.minLat = Math.min(box.minLat, lat!);
    box.maxLat = Math.max(box.maxLat, lat!);
  }
  return box;
}

function* positionsOf(g: Polygonal): Generator<number[]> {
  for (const polygon of polygonsOf(g)) for (const ring of polygon) yield* ring;
}

async function resolveArea(ctx: AppContext, area: AnalysisArea): Promise<ResolvedArea> {
  if (area.kind === 'bbox') {
    const [minLon, minLat, maxLon, maxLat] = area.bbox;
    if (!(minLon < maxLon && minLat < maxLat)) throw invalidField('selection.area.bbox', 'incidents.bbox_format');
    return { box: { minLon, minLat, maxLon, maxLat }, geojson: null, geometry: null };
  }
  if (area.kind === 'jurisdiction') {
    const found = await q.jurisdictionOf(ctx.db, area.orgId);
    if (!found) throw invalidField('selection.area.orgId', 'analytics.no_jurisdiction');
    const geometry = JSON.parse(found.geojson) as Polygonal;
    return { box: { minLon: found.min_lon, minLat: found.min_lat, maxLon: found.max_lon, maxLat: found.max_lat }, geojson: found.geojson, geometry };
  }
  const [repaired] = await q.repairedPolygons(ctx.db, [JSON.stringify(area.geometry)]);
  if (!repaired?.geojson) throw invalidField('selection.area.geometry', 'analytics.invalid_polygon', { reason: repaired?.reason ?? '-' });
  const geometry = JSON.parse(repaired.geojson) as Polygonal;
  return { box: boxOf(positionsOf(geometry)), geojson: repaired.geojson, geometry };
}

const CATEGORY_DIGITS = { none: 0, section: 2, division: 4 } as const;

/**
 * Everything about a request that can be refused is refused here, before a point is read:
 * the filters, the study area, an empty selection, a projection that would distort, and
 * every size (cells, pixels, windows, units, permutations, pairs, rows) against LIMITS.
 */
export async function prepareRun(ctx: AppContext, actor: Actor, input: CreateRunInput): Promise<PreparedRun> {
  const selection = input.selection;
  if (selection.from && selection.to && Date.parse(selection.to) <= Date.parse(selection.from)) throw invalidField('selection.to', 'incidents.to_before_from');
  const area = selection.area ? await resolveArea(ctx, selection.area) : null;
  const filter: q.SelectionFilter = {
    iccs: [...new Set(selection.iccs)],
    from: selection.from,
    to: selection.to,
    sources: selection.sources,
    area: area?.geojson ? { geojson: area.geojson } : area ? { bbox: [area.box.minLon, area.box.minLat, area.box.maxLon, area.box.maxLat] } : null,
    located: input.statistic !== 'trends',
    timeZone: selection.timeZone,
  };
  const categoryDigits = input.statistic === 'trends' ? CATEGORY_DIGITS[input.parameters.category] : 0;
  const summary = await q.summarise(ctx.db, actor, filter, categoryDigits);
  if (summary.n === 0) throw invalidField('selection', 'analytics.empty_selection');
  requireAtMost('selection', 'incidents', summary.n, LIMITS.maxIncidents);
  const prepared: PreparedRun = { input, filter, categoryDigits, projection: null, grid: null, areaRings: null, windows: null, polygons: null, observedDays: null };
  const firstDay = selection.from ? localDayOf(selection.from, selection.timeZone) : summary.first_day!;
  const lastDay = selection.to ? localDayOf(Date.parse(selection.to) - 1, selection.timeZone) : summary.last_day!;

  if (input.statistic === 'trends') {
    const periods = countWindows(input.parameters.period, summary.first_day!, summary.last_day!);
    const areas = input.parameters.byArea ? summary.areas : 1;
    requireAtMost('parameters', 'rows', periods * Math.max(1, summary.categories) * areas, LIMITS.maxTrendRows);
    // Only an explicit window cuts periods short: incidents may be dated to the 1st of their month.
    if (selection.from && selection.to) prepared.observedDays = { first: firstDay, last: lastDay };
    return prepared;
  }
  if (input.statistic === 'h3') {
    prepared.windows = windowsFor(input.parameters.window, firstDay, lastDay);
    return prepared;
  }

  // Every other statistic measures metres in the local projection of the study area.
  const pointsBox = { minLon: summary.min_lon!, minLat: summary.min_lat!, maxLon: summary.max_lon!, maxLat: summary.max_lat! };
  const projection = utmProjectionFor(area?.box ?? pointsBox, selection.area ? 'selection.area' : 'selection');
  prepared.projection = projection;
  const p = projector(projection);
  const areaExtent = area ? (area.geometry ? projectedExtent(p, positionsOf(area.geometry)) : projectedBoxExtent(p, area.box)) : null;
  const pointsExtent = projectedBoxExtent(p, pointsBox);
  if (area?.geometry) prepared.areaRings = projectRings(p, area.geometry);

  switch (input.statistic) {
    case 'grid': {
      prepared.windows = windowsFor(input.parameters.window, firstDay, lastDay);
      const cellSize = input.parameters.cellSize;
      prepared.grid = gridOver(areaExtent ?? pointsExtent, cellSize, 'parameters.cellSize', LIMITS.maxGridCells, 'cells', prepared.windows?.labels.length ?? 1);
      return prepared;
    }
    case 'kde': {
      const { bandwidth, cellSize, kernel } = input.parameters;
      if (cellSize > bandwidth) throw invalidField('parameters.cellSize', 'analytics.pixel_above_bandwidth', { bandwidth });
      if (kernel === 'quartic') requireAtMost('parameters.bandwidth', 'kernel_pixels', (2 * bandwidth / cellSize + 1) ** 2, LIMITS.maxKernelPixels);
      const margin = kernel === 'gaussian' ? 3 * bandwidth : bandwidth;
      const extent = areaExtent ?? { minX: pointsExtent.minX - margin, minY: pointsExtent.minY - margin, maxX: pointsExtent.maxX + margin, maxY: pointsExtent.maxY + margin };
      prepared.grid = gridOver(extent, cellSize, 'parameters.cellSize', LIMITS.maxKdePixels, 'pixels');
      return prepared;
    }
    case 'knox': {
      const { distanceBands, permutations, metric } = input.parameters;
      requireAtMost('selection', 'events', summary.n, LIMITS.maxKnoxEvents);
      // Pairs within the largest distance if the events were spread uniformly over their extent;
      // crime clusters, so the exact count is checked again after the pair search.
      const reach = distanceBands.at(-1)!;
      const extentArea = Math.max(1e6, (pointsExtent.maxX - pointsExtent.minX) * (pointsExtent.maxY - pointsExtent.minY));
      const disc = metric === 'euclidean' ? Math.PI * reach * reach : 2 * reach * reach;
      const pairs = ((summary.n * (summary.n - 1)) / 2) * Math.min(1, disc / extentArea);
      requireAtMost('parameters.permutations', 'pairs', pairs * permutations, LIMITS.maxKnoxPairWork);
      return prepared;
    }
    case 'gistar':
    case 'moran': {
      const { units, permutations } = input.parameters;
      if (units.kind === 'grid') {
        prepared.grid = gridOver(areaExtent ?? pointsExtent, units.cellSize, 'parameters.units.cellSize', LIMITS.maxHotspotUnits, 'units');
        const perUnit = units.contiguity === 'queen' ? 9 : 5;
        requireAtMost('parameters.permutations', 'permutation_draws', prepared.grid.ncol * prepared.grid.nrow * perUnit * permutations, LIMITS.maxPermutationDraws);
      } else {
        prepared.polygons = await preparePolygons(ctx, units);
        // Polygons have about six contiguous neighbours; distance bands are bounded again when built.
        requireAtMost('parameters.permutations', 'permutation_draws', prepared.polygons.ids.length * 12 * permutations, LIMITS.maxPermutationDraws);
      }
      return prepared;
    }
  }
}

function windowsFor(kind: WindowKind | undefined, first: number, last: number): TimeWindows | null {
  if (!kind) return null;
  requireAtMost('parameters.window', 'windows', countWindows(kind, first, last), LIMITS.maxWindows);
  return timeWindows(kind, first, last);
}

/**
 * The grid of `cellSize` covering the extent, origin snapped to multiples of the cell size;
 * its cells (× `layers`, the time windows of a count grid) are checked against the limit first.
 */
function gridOver(extent: Extent, cellSize: number, field: string, limit: number, what: 'cells' | 'pixels' | 'units' = 'cells', layers = 1): GridSpec {
  const originX = Math.floor(extent.minX / cellSize) * cellSize;
  const originY = Math.floor(extent.minY / cellSize) * cellSize;
  const ncol = Math.floor((extent.maxX - originX) / cellSize) + 1;
  const nrow = Math.floor((extent.maxY - originY) / cellSize) + 1;
  requireAtMost(field, what, ncol * nrow * layers, limit);
  return { originX, originY, cellSize, ncol, nrow };
}

function projectRings(p: Projector, g: Polygonal): number[][][][] {
  return polygonsOf(g).map((polygon) => polygon.map((ring) => ring.map(([lon, lat]) => p.forward(lon!, lat!))));
}

async function preparePolygons(ctx: AppContext, units: Exclude<HotspotUnits, { kind: 'grid' }>): Promise<PreparedPolygons> {
  if (units.kind === 'jurisdictions') {
    const seen = new Set<string>();
    units.orgIds.forEach((id, k) => {
      if (seen.has(id)) throw invalidField(`parameters.units.orgIds.${k}`, 'analytics.duplicate_unit');
      seen.add(id);
    });
    const found = await q.jurisdictionUnits(ctx.db, units.orgIds);
    const byId = new Map(found.map((u) => [u.id, u]));
    const missing = units.orgIds.flatMap((id, k) => (byId.has(id) ? [] : [{ path: `parameters.units.orgIds.${k}`, code: 'analytics.no_jurisdiction' }]));
    if (missing.length > 0) throw new AppError('VALIDATION_FAILED', {}, missing);
    return {
      ids: found.map((u) => u.id),
      names: found.map((u) => u.name),
      geojsons: found.map((u) => u.geojson),
      geometries: found.map((u) => JSON.parse(u.geojson) as unknown),
      weights: units.weights,
    };
  }
  const features = units.features.features;
  const repaired = await q.repairedPolygons(ctx.db, features.map((f) => JSON.stringify(f.geometry)));
  const unusable = repaired.flatMap((g, k) => (g.geojson ? [] : [{ path: `parameters.units.features.features.${k}.geometry`, code: 'analytics.invalid_polygon', params: { reason: g.reason } }]));
  if (unusable.length > 0) throw new AppError('VALIDATION_FAILED', {}, unusable.slice(0, 20));
  const geojsons = repaired.map((g) => g.geojson!);
  const name = (f: (typeof features)[number]) => {
    const value = f.properties?.name;
    return typeof value === 'string' ? value : null;
  };
  const ids = features.map((f, k) => (f.id !== undefined ? String(f.id) : String(k + 1)));
  const duplicate = ids.findIndex((id, k) => ids.indexOf(id) !== k);
  if (duplicate >= 0) throw invalidField(`parameters.units.features.features.${duplicate}.id`, 'analytics.duplicate_unit');
  return { ids, names: features.map(name), geojsons, geometries: geojsons.map((g) => JSON.parse(g) as unknown), weights: units.weights };
}
