import { AppError } from '../../platform/errors/app-error.ts';

/**
 * What one analysis may ask for. Each bound is checked, with the size computed from the
 * request and the selection, before any point is read or any array allocated; a request
 * beyond one answers 400 naming the field and the limit. They keep a run within a few hundred
 * megabytes and, on one core, within minutes.
 */
export const LIMITS = {
  /** Incidents one run may read. */
  maxIncidents: 2_000_000,
  /** Smallest grid cell, metres: finer than incident locations are precise. */
  minCellSize: 10,
  /** Cells × time windows of a count grid. */
  maxGridCells: 4_000_000,
  /** Time windows of a count grid or H3 aggregation. */
  maxWindows: 1_000,
  /** Units of Gi* and local Moran (a 500 × 500 grid). */
  maxHotspotUnits: 250_000,
  /** Polygons given as units. */
  maxPolygons: 5_000,
  maxPermutations: 9_999,
  /** Units × permutations × neighbours drawn: about a minute of one core. */
  maxPermutationDraws: 3e9,
  /** Pixels of a KDE raster. */
  maxKdePixels: 1_000_000,
  /** Pixels of the kernel footprint at a pixel (quartic radius / pixel)². */
  maxKernelPixels: 1_000_000,
  maxBandBreaks: 21,
  /** Largest Knox distance, metres. */
  maxKnoxDistance: 10_000,
  /** Incidents of a Knox test (the pair search is quadratic within the largest distance). */
  maxKnoxEvents: 100_000,
  /** Expected pairs within the largest distance (uniform estimate) × permutations. */
  maxKnoxPairWork: 5e10,
  /** Rows of a trend table (periods × categories × areas). */
  maxTrendRows: 1_000_000,
} as const;

/** What would be too large; each has its message (`analytics.too_many_<what>`). */
export type Excess = 'incidents' | 'cells' | 'windows' | 'units' | 'permutation_draws' | 'pixels' | 'kernel_pixels' | 'events' | 'pairs' | 'rows';

/** A 400 naming the field, the size the request would have and the limit. */
export function tooLarge(field: string, what: Excess, size: number, limit: number): AppError {
  const round = (v: number) => (Number.isFinite(v) ? Math.round(v) : Number.MAX_SAFE_INTEGER).toLocaleString('en-US');
  return new AppError('VALIDATION_FAILED', {}, [{ path: field, code: `analytics.too_many_${what}`, params: { size: round(size), limit: round(limit) } }]);
}

export function requireAtMost(field: string, what: Excess, size: number, limit: number): void {
  if (!(size <= limit)) throw tooLarge(field, what, size, limit);
}
