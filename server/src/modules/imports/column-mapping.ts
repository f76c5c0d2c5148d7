import type { Tlp } from '../../platform/db/schema.ts';
import { parseWhen, type DateFormat } from './parse-date.ts';

/** Which column of the file holds each incident field (names as in the header line). */
export interface ColumnMapping {
  /** A column with a stable identifier, or `{ linePrefix }` for files without one: the id is prefix:line. */
  externalId: string | { linePrefix: string };
  category: string;
  occurredFrom: string;
  occurredTo?: string;
  reportedAt?: string;
  lon?: string;
  lat?: string;
  address?: string;
}

export interface ImportProfile {
  columns: ColumnMapping;
  dateFormat: DateFormat;
  /** Minutes east of UTC for dates and times written without an offset. */
  utcOffsetMinutes: number;
  /** Only WGS 84 longitude/latitude for now; other CRSs need reprojection (proj4), not done yet. */
  crs: 'EPSG:4326';
  locationPrecisionM?: number;
}

/** Why a row was not imported; `code` is stable, `column` names the field at fault. */
export interface RowProblem {
  code: 'missing_field' | 'bad_date' | 'bad_coordinates' | 'to_before_from' | 'unmapped_category' | 'wrong_field_count' | 'too_long' | 'database_refused';
  column?: string;
}

export interface IncidentImportRow {
  external_id: string;
  tlp: Tlp;
  iccs_code: string | null;
  source_category: string;
  occurred_from: Date;
  occurred_to: Date | null;
  reported_at: Date | null;
  location: { lon: number; lat: number } | null;
  location_precision_m: number | null;
  address_text: string | null;
}

/** Positions of the mapped columns in the header; the names missing from it. */
export function resolveColumns(header: string[], columns: ColumnMapping): { index: Map<string, number>; missing: string[] } {
  const index = new Map(header.map((name, i) => [name.trim(), i]));
  const wanted = [
    typeof columns.externalId === 'string' ? columns.externalId : null,
    columns.category, columns.occurredFrom, columns.occurredTo, columns.reportedAt, columns.lon, columns.lat, columns.address,
  ].filter((c): c is string => typeof c === 'string');
  return { index, missing: wanted.filter((c) => !index.has(c)) };
}

/**
 * One record of the file as an incident, or the reason it cannot be one. `iccsOf` answers
 * undefined for a category without a mapping (null is a mapping: known, not classified).
 */
export function toIncidentRow(
  record: string[],
  line: number,
  width: number,
  profile: ImportProfile,
  index: Map<string, number>,
  tlp: Tlp,
  iccsOf: (category: string) => string | null | undefined,
): IncidentImportRow | RowProblem {
  if (record.length !== width) return { code: 'wrong_field_count' };
  const cols = profile.columns;
  const get = (column: string | undefined) => (column === undefined ? '' : (record[index.get(column)!] ?? '').trim());

  const externalId = typeof cols.externalId === 'string' ? get(cols.externalId) : `${cols.externalId.linePrefix}:${line}`;
  if (externalId === '') return { code: 'missing_field', column: cols.externalId as string };
  if (externalId.length > 200) return { code: 'too_long', column: cols.externalId as string };
  const category = get(cols.category);
  if (category === '') return { code: 'missing_field', column: cols.category };
  if (category.length > 200) return { code: 'too_long', column: cols.category };
  const address = get(cols.address);
  if (address.length > 500) return { code: 'too_long', column: cols.address! };
  const iccs = iccsOf(category);
  if (iccs === undefined) return { code: 'unmapped_category', column: cols.category };

  const fromText = get(cols.occurredFrom);
  if (fromText === '') return { code: 'missing_field', column: cols.occurredFrom };
  const from = parseWhen(fromText, profile.dateFormat, profile.utcOffsetMinutes);
  if (!from) return { code: 'bad_date', column: cols.occurredFrom };
  let to = from.to;
  const toText = get(cols.occurredTo);
  if (toText !== '') {
    const parsed = parseWhen(toText, profile.dateFormat, profile.utcOffsetMinutes);
    if (!parsed) return { code: 'bad_date', column: cols.occurredTo! };
    to = parsed.to ?? parsed.from;
    if (to < from.from) return { code: 'to_before_from', column: cols.occurredTo! };
  }
  let reportedAt: Date | null = null;
  const reportedText = get(cols.reportedAt);
  if (reportedText !== '') {
    const parsed = parseWhen(reportedText, profile.dateFormat, profile.utcOffsetMinutes);
    if (!parsed) return { code: 'bad_date', column: cols.reportedAt! };
    reportedAt = parsed.from;
  }

  let location: { lon: number; lat: number } | null = null;
  const lonText = get(cols.lon);
  const latText = get(cols.lat);
  if (lonText !== '' || latText !== '') {
    const lon = Number(lonText);
    const lat = Number(latText);
    const valid = lonText !== '' && latText !== '' && Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
    if (!valid) return { code: 'bad_coordinates', column: lonText !== '' && Math.abs(lon) <= 180 ? cols.lat! : cols.lon! };
    location = { lon, lat };
  }

  return {
    external_id: externalId,
    tlp,
    iccs_code: iccs,
    source_category: category,
    occurred_from: from.from,
    occurred_to: to,
    reported_at: reportedAt,
    location,
    location_precision_m: location ? (profile.locationPrecisionM ?? null) : null,
    address_text: address || null,
  };
}

export const isProblem = (value: IncidentImportRow | RowProblem): value is RowProblem => 'code' in value && !('external_id' in value);
