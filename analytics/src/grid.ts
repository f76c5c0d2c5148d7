import { AnalyticsError, invalid, requireCellsWithinLimit, requirePositive, requirePositiveInteger, requireSameLength } from './errors.ts';

/**
 * A square grid in a projected coordinate system (metres, or feet for EPSG:2913 data): cell
 * (col, row) covers the half-open square [originX + s·col, originX + s·(col+1)) ×
 * [originY + s·row, originY + s·(row+1)); row 0 is the southernmost row and cells are stored
 * row-major (index = row·ncol + col), the order of spdep::cell2nb.
 */
export interface GridSpec {
  readonly originX: number;
  readonly originY: number;
  readonly cellSize: number;
  readonly ncol: number;
  readonly nrow: number;
}

export function validateGrid(grid: GridSpec): void {
  requirePositive('cellSize', grid.cellSize);
  if (!Number.isFinite(grid.originX) || !Number.isFinite(grid.originY)) throw invalid('the grid origin must be finite', { originX: grid.originX, originY: grid.originY });
  requirePositiveInteger('ncol', grid.ncol);
  requirePositiveInteger('nrow', grid.nrow);
  requireCellsWithinLimit('the grid', grid.ncol * grid.nrow);
}

export interface Extent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Bounding box of the finite points; EMPTY_INPUT when there is none. */
export function extentOf(x: ArrayLike<number>, y: ArrayLike<number>): Extent {
  const n = requireSameLength({ x, y });
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) continue;
    if (xi < minX) minX = xi;
    if (xi > maxX) maxX = xi;
    if (yi < minY) minY = yi;
    if (yi > maxY) maxY = yi;
  }
  if (minX === Infinity) throw new AnalyticsError('EMPTY_INPUT', 'there are no points with finite coordinates');
  return { minX, minY, maxX, maxY };
}

/**
 * The smallest grid of the given cell size that covers the points, with its origin snapped to
 * a multiple of the cell size (x0 = floor(min x / s)·s), unless an origin is given. The size is
 * checked against the cell limit before anything is allocated.
 */
export function gridCovering(extent: Extent, cellSize: number, origin?: { x: number; y: number }): GridSpec {
  requirePositive('cellSize', cellSize);
  const originX = origin?.x ?? Math.floor(extent.minX / cellSize) * cellSize;
  const originY = origin?.y ?? Math.floor(extent.minY / cellSize) * cellSize;
  if (originX > extent.minX || originY > extent.minY) throw invalid('the origin must be at or south-west of every point', { originX, originY, ...extent });
  const ncol = Math.floor((extent.maxX - originX) / cellSize) + 1;
  const nrow = Math.floor((extent.maxY - originY) / cellSize) + 1;
  requireCellsWithinLimit(`a grid of ${cellSize}-unit cells over this extent`, ncol * nrow);
  return { originX, originY, cellSize, ncol, nrow };
}

/** Index of the cell holding (x, y), or −1 outside the grid (or for non-finite coordinates). */
export function cellIndex(grid: GridSpec, x: number, y: number): number {
  const col = Math.floor((x - grid.originX) / grid.cellSize);
  const row = Math.floor((y - grid.originY) / grid.cellSize);
  if (!(col >= 0 && col < grid.ncol && row >= 0 && row < grid.nrow)) return -1;
  return row * grid.ncol + col;
}

/**
 * Time windows [breaks[k], breaks[k+1]) for k = 0..breaks.length−2, in any time unit (days,
 * milliseconds) as long as points use the same. Breaks must increase strictly.
 */
export function validateBreaks(name: string, breaks: ArrayLike<number>, minLength = 2): void {
  if (breaks.length < minLength) throw invalid(`${name} needs at least ${minLength} breaks`, { [name]: Array.from(breaks) });
  for (let k = 0; k < breaks.length; k++) {
    if (!Number.isFinite(breaks[k]!)) throw invalid(`${name} must be finite numbers`, { [name]: Array.from(breaks) });
    if (k > 0 && !(breaks[k]! > breaks[k - 1]!)) throw invalid(`${name} must increase strictly`, { [name]: Array.from(breaks) });
  }
}

/** Window k with breaks[k] ≤ t < breaks[k+1] (binary search), or −1 outside all windows. */
export function windowIndex(breaks: ArrayLike<number>, t: number): number {
  if (!(t >= breaks[0]! && t < breaks[breaks.length - 1]!)) return -1;
  let lo = 0;
  let hi = breaks.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (t >= breaks[mid]!) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Counts per cell and time window, shared by square grids and H3. */
export interface WindowedCounts {
  /** Number of time windows (1 without time breaks). */
  readonly windows: number;
  /** counts[w·cells + cell]: points of window w in the cell. */
  readonly counts: Float64Array;
  /** Points that fell outside the grid or outside every window, or had no usable coordinates. */
  readonly dropped: number;
}

export interface GridCounts extends WindowedCounts {
  readonly grid: GridSpec;
}

/** Checks parallel coordinate/time arrays and the time breaks; returns the point and window counts. */
export function checkPointsAndWindows(coordinates: Record<string, ArrayLike<number>>, times: ArrayLike<number> | undefined, timeBreaks: ArrayLike<number> | undefined): { n: number; windows: number } {
  const n = requireSameLength(times ? { ...coordinates, times } : coordinates);
  if (timeBreaks && !times) throw invalid('time windows need a time for every point');
  if (timeBreaks) validateBreaks('timeBreaks', timeBreaks);
  return { n, windows: timeBreaks ? timeBreaks.length - 1 : 1 };
}

/** Counts points per grid cell, optionally per time window (`times` with `timeBreaks`). */
export function aggregateToGrid(
  points: { x: ArrayLike<number>; y: ArrayLike<number>; times?: ArrayLike<number> },
  grid: GridSpec,
  timeBreaks?: ArrayLike<number>,
): GridCounts {
  validateGrid(grid);
  const { n, windows } = checkPointsAndWindows({ x: points.x, y: points.y }, points.times, timeBreaks);
  const cells = grid.ncol * grid.nrow;
  requireCellsWithinLimit('the grid × time windows', cells * windows);
  const counts = new Float64Array(cells * windows);
  let dropped = 0;
  for (let i = 0; i < n; i++) {
    const cell = cellIndex(grid, points.x[i]!, points.y[i]!);
    const w = timeBreaks ? windowIndex(timeBreaks, points.times![i]!) : 0;
    if (cell < 0 || w < 0) dropped++;
    else counts[w * cells + cell]! += 1;
  }
  return { grid, windows, counts, dropped };
}

/** The square of a cell as a closed GeoJSON-style ring (counter-clockwise, RFC 7946). */
export function cellRing(grid: GridSpec, index: number): number[][] {
  const col = index % grid.ncol;
  const row = Math.floor(index / grid.ncol);
  const x0 = grid.originX + col * grid.cellSize;
  const y0 = grid.originY + row * grid.cellSize;
  const x1 = x0 + grid.cellSize;
  const y1 = y0 + grid.cellSize;
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
}
