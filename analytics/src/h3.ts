import { cellToBoundary, getResolution, isValidCell, latLngToCell } from 'h3-js';
import { AnalyticsError, invalid } from './errors.ts';
import { checkPointsAndWindows, windowIndex, type WindowedCounts } from './grid.ts';

export interface H3Counts extends WindowedCounts {
  readonly resolution: number;
  /** H3 indexes of the non-empty cells, sorted; counts[w·cells.length + k] is cells[k] in window w. */
  readonly cells: string[];
}

/**
 * Counts WGS 84 points per H3 hexagon (Uber's hierarchical hexagonal grid, h3geo.org) at a
 * resolution 0–15, optionally per time window [breaks[k], breaks[k+1]). Points without finite
 * coordinates or outside every window are counted in `dropped`.
 */
export function aggregateToH3(
  points: { lat: ArrayLike<number>; lng: ArrayLike<number>; times?: ArrayLike<number> },
  resolution: number,
  timeBreaks?: ArrayLike<number>,
): H3Counts {
  if (!Number.isInteger(resolution) || resolution < 0 || resolution > 15) throw invalid('the H3 resolution must be an integer from 0 to 15', { resolution });
  const { n, windows } = checkPointsAndWindows({ lat: points.lat, lng: points.lng }, points.times, timeBreaks);
  if (n === 0) throw new AnalyticsError('EMPTY_INPUT', 'there are no points to aggregate');
  const cellOf = new Array<string | null>(n);
  const windowOf = new Int32Array(n);
  const distinct = new Set<string>();
  let dropped = 0;
  for (let i = 0; i < n; i++) {
    const lat = points.lat[i]!;
    const lng = points.lng[i]!;
    const w = timeBreaks ? windowIndex(timeBreaks, points.times![i]!) : 0;
    if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180) || w < 0) {
      cellOf[i] = null;
      dropped++;
      continue;
    }
    const cell = latLngToCell(lat, lng, resolution);
    cellOf[i] = cell;
    windowOf[i] = w;
    distinct.add(cell);
  }
  const cells = [...distinct].sort();
  const position = new Map(cells.map((c, k) => [c, k]));
  const counts = new Float64Array(cells.length * windows);
  for (let i = 0; i < n; i++) {
    const cell = cellOf[i];
    if (cell) counts[windowOf[i]! * cells.length + position.get(cell)!]! += 1;
  }
  return { resolution, cells, windows, counts, dropped };
}

/** Boundary of an H3 cell as a closed GeoJSON ring ([lng, lat] pairs). */
export function h3CellRing(cell: string): number[][] {
  if (!isValidCell(cell)) throw invalid(`${cell} is not an H3 cell`, { cell });
  return cellToBoundary(cell, true);
}

export { getResolution as h3Resolution };
