/**
 * The one error type of the analytics package. `code` is stable so that callers (the server,
 * the CLI) can map it to a status or a message; `details` carries the numbers behind it.
 */
export type AnalyticsErrorCode =
  | 'EMPTY_INPUT' // nothing to analyse (no points, no cells, no events)
  | 'INVALID_ARGUMENT' // a parameter out of its domain (negative bandwidth, unsorted bands, ...)
  | 'LENGTH_MISMATCH' // parallel arrays of different lengths
  | 'TOO_LARGE' // the request would need more memory or work than the limits allow
  | 'BAD_INPUT'; // unreadable input data (CSV, dates, numbers)

export class AnalyticsError extends Error {
  override readonly name = 'AnalyticsError';
  constructor(
    readonly code: AnalyticsErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function invalid(message: string, details: Record<string, unknown> = {}): AnalyticsError {
  return new AnalyticsError('INVALID_ARGUMENT', message, details);
}

export function requirePositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw invalid(`${name} must be a positive finite number`, { [name]: value });
}

export function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) throw invalid(`${name} must be a positive integer`, { [name]: value });
}

export function requireNonNegativeInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw invalid(`${name} must be a non-negative integer`, { [name]: value });
}

export function requireSameLength(arrays: Record<string, ArrayLike<unknown>>): number {
  const entries = Object.entries(arrays);
  const n = entries[0]?.[1].length ?? 0;
  for (const [name, array] of entries) {
    if (array.length !== n) throw new AnalyticsError('LENGTH_MISMATCH', `${name} has ${array.length} values, expected ${n}`, { name, length: array.length, expected: n });
  }
  return n;
}

/** Memory limits checked before allocating: cells of a grid or raster. */
export const MAX_CELLS = 50_000_000;

export function requireCellsWithinLimit(what: string, cells: number, limit = MAX_CELLS): void {
  if (!(cells <= limit)) {
    throw new AnalyticsError('TOO_LARGE', `${what} would have ${Math.round(cells).toLocaleString('en-US')} cells, more than the limit of ${limit.toLocaleString('en-US')}`, { cells, limit });
  }
}
