import type { Tlp } from '../../platform/db/schema.ts';
import type { ToWgs84 } from './crs/crs.ts';
import { parseWhen } from './parse-date.ts';
import { xColumn, yColumn, type ImportProfile } from './profile.ts';
import type { SourceRecord } from './source-record.ts';

export type { ColumnMapping, ImportProfile } from './profile.ts';

export const ROW_PROBLEMS = [
  'missing_field', 'bad_date', 'bad_coordinates', 'to_before_from', 'unmapped_category', 'wrong_field_count', 'too_long',
  'unsupported_geometry', 'bad_feature', 'unterminated_quote', 'database_refused',
] as const;

/** Why a row was not imported; `code` is stable, `column` names the field at fault. */
export interface RowProblem {
  code: (typeof ROW_PROBLEMS)[number];
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

/** What turning records into rows needs, resolved once per file. */
export interface RowContext {
  profile: ImportProfile;
  /** Position of each header name. */
  index: Map<string, number>;
  /** Fields every record must have (CSV: the header's width), or null when records vary (GeoJSON). */
  width: number | null;
  tlp: Tlp;
  /** undefined for a category without a mapping (null is a mapping: known, not classified). */
  iccsOf: (category: string) => string | null | undefined;
  project: ToWgs84;
}

/** Names the mapping reads that the header lacks. */
export function missingColumns(header: string[], required: string[]): string[] {
  const present = new Set(header);
  return required.filter((c) => !present.has(c));
}

/** One record of the file as an incident, or the reason it cannot be one. */
export function toIncidentRow(record: SourceRecord, c: RowContext): IncidentImportRow | RowProblem {
  if (record.problem) return { code: record.problem };
  if (c.width !== null && record.values.length !== c.width) return { code: 'wrong_field_count' };
  const cols = c.profile.columns;
  const get = (column: string | undefined) => {
    if (column === undefined) return '';
    const at = c.index.get(column);
    return at === undefined ? '' : (record.values[at] ?? '').trim();
  };

  const externalId = typeof cols.externalId === 'string' ? get(cols.externalId) : `${cols.externalId.linePrefix}:${record.ref}`;
  if (externalId === '') return { code: 'missing_field', column: cols.externalId as string };
  if (externalId.length > 200) return { code: 'too_long', column: cols.externalId as string };
  const category = get(cols.category);
  if (category === '') return { code: 'missing_field', column: cols.category };
  if (category.length > 200) return { code: 'too_long', column: cols.category };
  const address = get(cols.address);
  if (address.length > 500) return { code: 'too_long', column: cols.address! };
  const iccs = c.iccsOf(category);
  if (iccs === undefined) return { code: 'unmapped_category', column: cols.category };

  const { dateFormat, utcOffsetMinutes } = c.profile;
  const fromText = get(cols.occurredFrom);
  if (fromText === '') return { code: 'missing_field', column: cols.occurredFrom };
  const from = parseWhen(fromText, dateFormat, utcOffsetMinutes);
  if (!from) return { code: 'bad_date', column: cols.occurredFrom };
  let to = from.to;
  const toText = get(cols.occurredTo);
  if (toText !== '') {
    const parsed = parseWhen(toText, dateFormat, utcOffsetMinutes);
    if (!parsed) return { code: 'bad_date', column: cols.occurredTo! };
    to = parsed.to ?? parsed.from;
    if (to < from.from) return { code: 'to_before_from', column: cols.occurredTo! };
  }
  let reportedAt: Date | null = null;
  const reportedText = get(cols.reportedAt);
  if (reportedText !== '') {
    const parsed = parseWhen(reportedText, dateFormat, utcOffsetMinutes);
    if (!parsed) return { code: 'bad_date', column: cols.reportedAt! };
    reportedAt = parsed.from;
  }

  const located = locate(record, c, get);
  if (located !== null && 'code' in located) return located;

  return {
    external_id: externalId,
    tlp: c.tlp,
    iccs_code: iccs,
    source_category: category,
    occurred_from: from.from,
    occurred_to: to,
    reported_at: reportedAt,
    location: located,
    location_precision_m: located ? (c.profile.locationPrecisionM ?? null) : null,
    address_text: address || null,
  };
}

/** The record's point in WGS 84: from its geometry, or from the x/y columns; null when it has none. */
function locate(record: SourceRecord, c: RowContext, get: (column: string | undefined) => string): { lon: number; lat: number } | RowProblem | null {
  if (record.point === 'unsupported') return { code: 'unsupported_geometry' };
  if (record.point !== undefined) {
    if (record.point === null) return null;
    return c.project(record.point[0], record.point[1]) ?? { code: 'bad_coordinates' };
  }
  const xName = xColumn(c.profile.columns);
  const yName = yColumn(c.profile.columns);
  const xText = get(xName);
  const yText = get(yName);
  if (xText === '' && yText === '') return null;
  const x = xText === '' ? Number.NaN : Number(xText);
  const y = yText === '' ? Number.NaN : Number(yText);
  if (!Number.isFinite(x)) return { code: 'bad_coordinates', column: xName! };
  if (!Number.isFinite(y)) return { code: 'bad_coordinates', column: yName! };
  return c.project(x, y) ?? { code: 'bad_coordinates', column: xName! };
}

export const isProblem = (value: IncidentImportRow | RowProblem): value is RowProblem => 'code' in value && !('external_id' in value);
