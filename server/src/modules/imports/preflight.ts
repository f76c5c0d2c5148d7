import type { FieldIssue } from '../../platform/errors/app-error.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import { inAreaOfUse, toWgs84, type CrsDefinition } from './crs/crs.ts';
import { DATE_FORMATS, parseWhen } from './parse-date.ts';
import { CSV_DELIMITERS, mappedColumns, xColumn, yColumn, type ImportProfile } from './profile.ts';
import * as q from './queries.ts';
import type { RecordSource, SourceRecord } from './source-record.ts';

/** Records read from the start of a file to check it before anything is written. */
export const SAMPLE_SIZE = 1000;

/**
 * Problems that make a whole file wrong, found on its header and first records before any row
 * is written: missing columns (or a wrong delimiter), dates in another format, coordinates
 * outside the owner's jurisdiction or with their axes swapped. Most of a sample must fail
 * before a check refuses the file: a few bad rows are rejected one by one instead.
 */
export async function checkSample(
  db: Executor,
  source: RecordSource,
  sample: SourceRecord[],
  profile: ImportProfile,
  crs: CrsDefinition,
  ownerOrgId: string,
): Promise<FieldIssue[]> {
  const columns = mappedColumns(profile.columns).filter((c) => !(source.hasGeometry && (c === xColumn(profile.columns) || c === yColumn(profile.columns))));
  const header = new Set(source.header);
  const missing = columns.filter((c) => !header.has(c));
  if (missing.length > 0) {
    if (source.refKind === 'line' && source.header.length === 1) {
      const found = CSV_DELIMITERS.find((d) => d !== (profile.delimiter ?? ',') && source.header[0]!.includes(d));
      if (found) return [{ path: 'profile.delimiter', code: 'imports.wrong_delimiter', params: { found: found === '\t' ? 'TAB' : found } }];
    }
    const present = source.header.slice(0, 30).join(', ');
    return missing.map((column) => ({ path: 'profile.columns', code: 'imports.missing_column', params: { column, columns: present } }));
  }
  if (sample.length === 0) return [{ path: 'file', code: 'imports.no_records' }];
  const index = new Map(source.header.map((h, i) => [h, i]));
  const valuesOf = (column: string | undefined) =>
    column === undefined ? [] : sample.map((r) => (r.values[index.get(column)!] ?? '').trim()).filter((v) => v !== '');
  if (source.refKind === 'feature') {
    // Features carry whatever properties they like: a property no sampled feature has is missing.
    const c = profile.columns;
    const required = [typeof c.externalId === 'string' ? c.externalId : undefined, c.category, c.occurredFrom].filter((n): n is string => n !== undefined);
    const absent = required.filter((name) => valuesOf(name).length === 0);
    if (absent.length > 0) return absent.map((property) => ({ path: 'profile.columns', code: 'imports.missing_property', params: { property, sampled: sample.length } }));
  }
  return [...checkDates(profile, valuesOf), ...(await checkCoordinates(db, source, sample, profile, crs, ownerOrgId, valuesOf))];
}

function checkDates(profile: ImportProfile, valuesOf: (column: string | undefined) => string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const c = profile.columns;
  for (const column of [c.occurredFrom, c.occurredTo, c.reportedAt]) {
    const values = valuesOf(column);
    const bad = values.filter((v) => parseWhen(v, profile.dateFormat, profile.utcOffsetMinutes) === null);
    if (bad.length === 0 || bad.length * 2 < values.length) continue;
    const fits = DATE_FORMATS.find((f) => values.every((v) => parseWhen(v, f, profile.utcOffsetMinutes) !== null));
    issues.push({
      path: 'profile.dateFormat',
      code: fits ? 'imports.date_format_mismatch' : 'imports.unparseable_dates',
      params: { column: column!, format: profile.dateFormat, example: bad[0]!.slice(0, 40), count: bad.length, sampled: values.length, ...(fits ? { suggestion: fits } : {}) },
    });
  }
  return issues;
}

/** The sample's points, as the file has them (x, y in its CRS). */
function samplePoints(source: RecordSource, sample: SourceRecord[], profile: ImportProfile, valuesOf: (column: string | undefined) => string[]): [number, number][] {
  if (source.hasGeometry) return sample.flatMap((r) => (Array.isArray(r.point) ? [r.point] : []));
  const index = new Map(source.header.map((h, i) => [h, i]));
  const [xi, yi] = [index.get(xColumn(profile.columns) ?? ''), index.get(yColumn(profile.columns) ?? '')];
  if (xi === undefined || yi === undefined || valuesOf(xColumn(profile.columns)).length === 0) return [];
  return sample.flatMap((r) => {
    const [x, y] = [Number(r.values[xi]), Number(r.values[yi])];
    return (r.values[xi] ?? '').trim() !== '' && (r.values[yi] ?? '').trim() !== '' && Number.isFinite(x) && Number.isFinite(y) ? [[x, y] as [number, number]] : [];
  });
}

async function checkCoordinates(
  db: Executor,
  source: RecordSource,
  sample: SourceRecord[],
  profile: ImportProfile,
  crs: CrsDefinition,
  ownerOrgId: string,
  valuesOf: (column: string | undefined) => string[],
): Promise<FieldIssue[]> {
  const points = samplePoints(source, sample, profile, valuesOf);
  if (points.length === 0) return [];
  const project = toWgs84(crs);
  const wgs84 = (swap: boolean) => points.flatMap(([x, y]) => {
    const p = swap ? project(y, x) : project(x, y);
    return p ? [p] : [];
  });
  const straight = wgs84(false);
  const swapped = wgs84(true);
  const jurisdiction = await q.jurisdictionCover(db, ownerOrgId, straight, swapped);
  // Inside the owner's jurisdiction when it has one, else inside the CRS's area of use.
  const inside = (ps: { lon: number; lat: number }[], covered: number | null) => covered ?? ps.filter((p) => inAreaOfUse(crs, p.lon, p.lat)).length;
  const [insideStraight, insideSwapped] = [inside(straight, jurisdiction.straight), inside(swapped, jurisdiction.swapped)];
  if (insideStraight * 2 >= points.length) return [];
  const ofJurisdiction = jurisdiction.straight !== null;
  const params = { x: source.hasGeometry ? 'x' : xColumn(profile.columns)!, y: source.hasGeometry ? 'y' : yColumn(profile.columns)!, crs: `EPSG:${crs.code}`, crsName: crs.name, outside: points.length - insideStraight, sampled: points.length };
  if (insideSwapped * 2 >= points.length) return [{ path: 'profile.columns', code: ofJurisdiction ? 'imports.swapped_axes' : 'imports.swapped_axes_area', params }];
  const issues: FieldIssue[] = [{ path: 'profile.crs', code: ofJurisdiction ? 'imports.outside_jurisdiction' : 'imports.outside_area_of_use', params }];
  const looksLikeDegrees = points.every(([x, y]) => Math.abs(x) <= 180 && Math.abs(y) <= 90);
  if (!crs.geographic && looksLikeDegrees) issues.push({ path: 'profile.crs', code: 'imports.looks_like_degrees', params });
  if (crs.geographic && !looksLikeDegrees) issues.push({ path: 'profile.crs', code: 'imports.looks_projected', params });
  return issues;
}
