import type { DateFormat } from './parse-date.ts';

export const IMPORT_FORMATS = ['csv', 'geojson'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/**
 * Which field of the file holds each incident field: CSV header names, or GeoJSON property
 * names (a GeoJSON Point's coordinates are the location, so `x`/`y` are not needed there).
 */
export interface ColumnMapping {
  /** A column with a stable identifier, or `{ linePrefix }` for files without one: the id is prefix:line. */
  externalId: string | { linePrefix: string };
  category: string;
  occurredFrom: string;
  occurredTo?: string;
  reportedAt?: string;
  /** Easting or longitude, in the profile's CRS. */
  x?: string;
  /** Northing or latitude, in the profile's CRS. */
  y?: string;
  /** @deprecated the same as `x` (WGS 84 files of the first import). */
  lon?: string;
  /** @deprecated the same as `y`. */
  lat?: string;
  address?: string;
}

/** How to read one kind of file: the reusable part of a saved import profile. */
export interface ImportProfile {
  format?: ImportFormat;
  delimiter?: CsvDelimiter;
  columns: ColumnMapping;
  dateFormat: DateFormat;
  /** Minutes east of UTC for dates and times written without an offset. */
  utcOffsetMinutes: number;
  /** EPSG code of the coordinates, e.g. "EPSG:2913". */
  crs: string;
  locationPrecisionM?: number;
}

export const xColumn = (c: ColumnMapping) => c.x ?? c.lon;
export const yColumn = (c: ColumnMapping) => c.y ?? c.lat;

/** The field names a mapping reads, in a stable order. */
export function mappedColumns(c: ColumnMapping): string[] {
  const names = [typeof c.externalId === 'string' ? c.externalId : undefined, c.category, c.occurredFrom, c.occurredTo, c.reportedAt, xColumn(c), yColumn(c), c.address];
  return [...new Set(names.filter((n): n is string => typeof n === 'string' && n !== ''))];
}
