import { csvLine } from '../../../../analytics/src/csv.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { Rejection } from './run-import.ts';

/**
 * The error report is a CSV file: where the record is (`line`, or `feature` for GeoJSON), the
 * reason as a stable code, the column at fault, the reason in words, then the record's values
 * as read, under the file's own column names, so it can be fixed and imported again.
 */
export function errorReportHeader(refKind: 'line' | 'feature', header: string[]): string {
  return csvLine([refKind, 'reason', 'column', 'message', ...header]);
}

export function errorReportLine(r: Pick<Rejection, 'ref' | 'code' | 'column' | 'values'>, locale: Locale): string {
  const message = translate(`imports.row.${r.code}`, locale, { column: r.column ?? '' });
  return csvLine([String(r.ref), r.code, r.column ?? '', message, ...r.values]);
}
